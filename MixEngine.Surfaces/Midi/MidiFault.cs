namespace MixEngine.Surfaces.Midi;

/// <summary>Why <see cref="MidiStreamParser"/> dropped bytes.</summary>
public enum MidiFaultKind
{
    /// <summary>A data byte arrived with no status in effect (no running status to apply).</summary>
    DataWithoutStatus,
    /// <summary>A status byte arrived before the previous message's data bytes were complete.</summary>
    TruncatedMessage,
    /// <summary>A status byte other than F7 or realtime arrived inside SysEx; the SysEx was dropped.</summary>
    UnterminatedSysEx,
    /// <summary>F7 arrived outside SysEx.</summary>
    StrayEndOfSysEx,
    /// <summary>SysEx longer than the parser's limit; dropped up to its F7.</summary>
    OversizeSysEx,
    /// <summary>An undefined status byte (F4, F5, F9, FD).</summary>
    UndefinedStatus,
}

/// <summary>
/// A dropped stretch of a MIDI byte stream: what went wrong, the stream offset of the offending byte and that byte.
/// A value, so reporting it allocates nothing; <see cref="ToString"/> builds the log text.
/// </summary>
public readonly record struct MidiFault(MidiFaultKind Kind, long StreamOffset, byte Byte)
{
    /// <summary>A sentence naming the byte, its offset and the fault.</summary>
    public override string ToString() => Kind switch
    {
        MidiFaultKind.DataWithoutStatus => $"MIDI data byte 0x{Byte:X2} at stream offset {StreamOffset} has no status (no running status in effect)",
        MidiFaultKind.TruncatedMessage => $"MIDI status 0x{Byte:X2} at stream offset {StreamOffset} interrupted an incomplete message",
        MidiFaultKind.UnterminatedSysEx => $"MIDI status 0x{Byte:X2} at stream offset {StreamOffset} arrived inside SysEx before F7; the SysEx was dropped",
        MidiFaultKind.StrayEndOfSysEx => $"MIDI F7 at stream offset {StreamOffset} without a SysEx in progress",
        MidiFaultKind.OversizeSysEx => $"MIDI SysEx starting at stream offset {StreamOffset} exceeds the size limit; dropped",
        _ => $"MIDI status 0x{Byte:X2} at stream offset {StreamOffset} is undefined",
    };
}
