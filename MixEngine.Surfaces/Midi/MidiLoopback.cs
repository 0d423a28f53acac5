using System.Threading.Channels;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Two in-memory MIDI ports wired back to back: what one sends, the other receives, in order, split into reads of
/// any size. For tests and for wiring a software surface to the engine without hardware. Any thread may send; one
/// reader per end.
/// </summary>
public sealed class MidiLoopback
{
    /// <summary>A connected pair named <paramref name="name"/> (ids <c>loopback:NAME/a</c> and <c>/b</c>).</summary>
    public MidiLoopback(string name)
    {
        var aToB = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        var bToA = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        A = new End($"loopback:{name}/a", aToB.Writer, bToA.Reader);
        B = new End($"loopback:{name}/b", bToA.Writer, aToB.Reader);
    }

    /// <summary>One end (the "surface" side in tests).</summary>
    public IMidiPort A { get; }

    /// <summary>The other end (the "engine" side in tests).</summary>
    public IMidiPort B { get; }

    private sealed class End(string id, ChannelWriter<byte[]> outgoing, ChannelReader<byte[]> incoming) : IMidiPort
    {
        private byte[] _pending = [];
        private int _pendingOffset;

        public string Id => id;

        public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
            outgoing.WriteAsync(bytes.ToArray(), cancellationToken);

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_pendingOffset == _pending.Length)
            {
                if (!await incoming.WaitToReadAsync(cancellationToken)) return 0;
                if (incoming.TryRead(out var next)) { _pending = next; _pendingOffset = 0; }
            }
            int n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
            _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }

        public ValueTask DisposeAsync()
        {
            outgoing.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
