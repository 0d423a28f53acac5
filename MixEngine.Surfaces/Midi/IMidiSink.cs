namespace MixEngine.Surfaces.Midi;

/// <summary>Receives what <see cref="MidiStreamParser"/> finds in a byte stream. Called on the port's reading thread.</summary>
public interface IMidiSink
{
    /// <summary>A complete short message (channel, system common or realtime).</summary>
    void OnMessage(MidiMessage message);

    /// <summary>A complete SysEx message from F0 to F7 inclusive; the span is valid only during the call.</summary>
    void OnSysEx(ReadOnlySpan<byte> sysEx);

    /// <summary>Bytes that were dropped because they do not form a valid message; never fatal.</summary>
    void OnMalformed(MidiFault fault);
}
