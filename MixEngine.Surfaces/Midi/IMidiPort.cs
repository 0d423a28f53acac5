namespace MixEngine.Surfaces.Midi;

/// <summary>
/// A bidirectional MIDI byte stream to one surface unit (an ALSA raw MIDI device, an RTP-MIDI session, an in-memory
/// loopback). <see cref="Id"/> is the port's stable identity (what a surface binds to, independent of power-on or
/// enumeration order). One reader at a time; sends may come from any thread.
/// </summary>
public interface IMidiPort : IAsyncDisposable
{
    /// <summary>Stable identity, e.g. <c>alsa:XTouch/0</c> or <c>loopback:test</c>.</summary>
    string Id { get; }

    /// <summary>Sends raw MIDI bytes (whole messages); any thread.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Reads the next received bytes into <paramref name="buffer"/>; 0 when the port has closed. One reader thread.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
}
