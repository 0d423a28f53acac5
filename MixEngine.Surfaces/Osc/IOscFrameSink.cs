namespace MixEngine.Surfaces.Osc;

/// <summary>Receives what a stream framing decoder finds: whole packets and framing faults. Called on the reading thread.</summary>
public interface IOscFrameSink
{
    /// <summary>One complete packet; the span is valid only during the call.</summary>
    void OnFrame(ReadOnlySpan<byte> packet);

    /// <summary>A framing fault; the bytes involved are dropped (the caller counts and logs it).</summary>
    void OnMalformed(OscFormatException fault);
}
