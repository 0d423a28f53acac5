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
        var aToB = new MidiChunkQueue();
        var bToA = new MidiChunkQueue();
        A = new End($"loopback:{name}/a", aToB, bToA);
        B = new End($"loopback:{name}/b", bToA, aToB);
    }

    /// <summary>One end (the "surface" side in tests).</summary>
    public IMidiPort A { get; }

    /// <summary>The other end (the "engine" side in tests).</summary>
    public IMidiPort B { get; }

    private sealed class End(string id, MidiChunkQueue outgoing, MidiChunkQueue incoming) : IMidiPort
    {
        public string Id => id;

        public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
            outgoing.WriteAsync(bytes.ToArray(), cancellationToken);

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            incoming.ReadAsync(buffer, cancellationToken);

        public ValueTask DisposeAsync()
        {
            outgoing.Complete();
            return ValueTask.CompletedTask;
        }
    }
}
