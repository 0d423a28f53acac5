using System.Threading.Channels;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// The output side of one MIDI port of a surface: messages are appended to a buffer under the surface's lock and
/// <see cref="Flush"/>ed as one chunk into an ordered queue that <see cref="SendLoopAsync"/> drains into the port, so
/// no port write happens under the lock. Running status is not used (every device accepts full messages).
/// <para>Thread rules: Add/Flush under the owner's lock; the send loop on its own task.</para>
/// </summary>
internal sealed class MidiOutputQueue(IMidiPort port)
{
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MidiStreamWriter _writer = new(runningStatus: false);
    private byte[] _buffer = new byte[512];
    private int _length;

    /// <summary>Appends a short message.</summary>
    public void Add(MidiMessage message)
    {
        if (_length + 3 > _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _length += _writer.Write(message, _buffer.AsSpan(_length));
    }

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
}
