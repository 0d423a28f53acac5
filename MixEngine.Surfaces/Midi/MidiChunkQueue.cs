using System.Threading.Channels;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Received byte chunks waiting for a port's reader: writers add whole chunks, the one reader takes them out in
/// reads of any size. Shared by the in-memory loopback and RTP-MIDI sessions. Any thread writes; one reader.
/// </summary>
internal sealed class MidiChunkQueue
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private byte[] _pending = [];
    private int _pendingOffset;

    /// <summary>Queues a chunk (owned by the queue from here on).</summary>
    public ValueTask WriteAsync(byte[] chunk, CancellationToken cancellationToken = default) => _chunks.Writer.WriteAsync(chunk, cancellationToken);

    /// <summary>Ends the stream: reads return 0 once the queued chunks are taken.</summary>
    public void Complete() => _chunks.Writer.TryComplete();

    /// <summary>Copies the next bytes into <paramref name="buffer"/>; 0 after <see cref="Complete"/> and the last chunk.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_pendingOffset == _pending.Length)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken)) return 0;
            if (_chunks.Reader.TryRead(out var next)) { _pending = next; _pendingOffset = 0; }
        }
        int n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
        _pendingOffset += n;
        return n;
    }
}
