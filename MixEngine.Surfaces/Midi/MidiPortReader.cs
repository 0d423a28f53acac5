namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Runs a port's receive loop: reads bytes, feeds a <see cref="MidiStreamParser"/> and counts what it drops. Runs on
/// the thread that awaits <see cref="RunAsync"/> (a surface loop); the counters may be read from any thread.
/// </summary>
public sealed class MidiPortReader
{
    private readonly IMidiPort _port;
    private readonly MidiStreamParser _parser;
    private readonly CountingSink _counting;

    /// <summary>A reader of <paramref name="port"/> delivering to <paramref name="sink"/>.</summary>
    public MidiPortReader(IMidiPort port, IMidiSink sink, int maxSysExBytes = 4096)
    {
        _port = port;
        _parser = new MidiStreamParser(maxSysExBytes);
        _counting = new CountingSink(sink);
    }

    /// <summary>Messages and SysEx delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _counting.Delivered);

    /// <summary>Malformed stretches dropped so far (each also passed to the sink's <see cref="IMidiSink.OnMalformed"/>).</summary>
    public long Malformed => Interlocked.Read(ref _counting.Malformed);

    /// <summary>Reads until the port closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            int n;
            try { n = await _port.ReceiveAsync(buffer, cancellationToken); }
            catch (OperationCanceledException) { return; }
            if (n == 0) return;
            _parser.Push(buffer.AsSpan(0, n), _counting);
        }
    }

    private sealed class CountingSink(IMidiSink inner) : IMidiSink
    {
        public long Delivered;
        public long Malformed;

        public void OnMessage(MidiMessage message)
        {
            Interlocked.Increment(ref Delivered);
            inner.OnMessage(message);
        }

        public void OnSysEx(ReadOnlySpan<byte> sysEx)
        {
            Interlocked.Increment(ref Delivered);
            inner.OnSysEx(sysEx);
        }

        public void OnMalformed(MidiFault fault)
        {
            Interlocked.Increment(ref Malformed);
            inner.OnMalformed(fault);
        }
    }
}
