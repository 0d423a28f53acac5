using System.Threading.Channels;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// The output side of one surface port: messages are appended to a buffer under the surface's lock and
/// <see cref="Flush"/>ed as one chunk into an ordered queue that <see cref="SendLoopAsync"/> drains into the port, so no
/// port write happens under the lock. Running status is not used (every device accepts full messages).
/// <para>Thread rules: Add/Flush/Reset under the owner's lock; the send loop on its own task.</para>
/// </summary>
internal sealed class MidiOutputQueue(IMidiPort port)
{
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MidiStreamWriter _writer = new(runningStatus: false);
    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>Chunks queued and not yet written to the port.</summary>
    public long Queued => _queue.Reader.Count;

    /// <summary>Appends a short message.</summary>
    public void Add(MidiMessage message)
    {
        Reserve(3);
        _length += _writer.Write(message, _buffer.AsSpan(_length));
    }

    /// <summary>Appends a complete SysEx.</summary>
    public void AddSysEx(ReadOnlySpan<byte> sysEx)
    {
        Reserve(sysEx.Length);
        _length += _writer.WriteSysEx(sysEx, _buffer.AsSpan(_length));
    }

    /// <summary>Forgets the writer's state (the device was reset; the next message carries its status byte).</summary>
    public void Reset() => _writer.Reset();

    /// <summary>Queues what was appended since the last flush as one chunk.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        _queue.Writer.TryWrite(_buffer.AsSpan(0, _length).ToArray());
        _length = 0;
    }

    /// <summary>Writes queued chunks to the port in order until cancelled or completed; send errors go to <paramref name="failed"/>.</summary>
    public async Task SendLoopAsync(Action<Exception> failed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try { await port.SendAsync(chunk, cancellationToken); }
                catch (Exception e) when (e is not OperationCanceledException) { failed(e); }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: chunks still queued go with the surface.
        }
    }

    /// <summary>Ends the queue (the send loop finishes what is queued, then returns).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}
