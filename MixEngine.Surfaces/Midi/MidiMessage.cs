namespace MixEngine.Surfaces.Midi;

/// <summary>
/// One short MIDI 1.0 message (channel voice, system common other than SysEx, or system realtime): a status byte and
/// up to two data bytes. An immutable value; any thread. SysEx travels separately as bytes (see <see cref="IMidiSink"/>).
/// </summary>
public readonly record struct MidiMessage(byte Status, byte Data1 = 0, byte Data2 = 0)
{
    /// <summary>The channel nibble (0 = first channel) of a channel message.</summary>
    public int Channel => Status & 0x0F;

    /// <summary>The upper status nibble for channel messages (0x80..0xE0), the whole status byte otherwise.</summary>
    public byte Kind => Status < 0xF0 ? (byte)(Status & 0xF0) : Status;

    /// <summary>True for channel voice messages (status 80..EF).</summary>
    public bool IsChannelMessage => Status is >= 0x80 and < 0xF0;

    /// <summary>True for system realtime (F8..FF), which may appear between any two bytes, even inside SysEx.</summary>
    public bool IsRealtime => Status >= 0xF8;

    /// <summary>The number of data bytes that follow this status byte on the wire.</summary>
    public int DataLength => DataLengthOf(Status);

    /// <summary>The 14-bit value of a pitch bend (data1 = LSB, data2 = MSB), 0..16383 with 8192 = centre.</summary>
    public int PitchBendValue => Kind == 0xE0 ? Data2 << 7 | Data1 : throw new InvalidOperationException($"MIDI status 0x{Status:X2} is not a pitch bend");

    /// <summary>Note On (status 9n).</summary>
    public static MidiMessage NoteOn(int channel, int note, int velocity) => Voice(0x90, channel, note, velocity);
    /// <summary>Note Off (status 8n).</summary>
    public static MidiMessage NoteOff(int channel, int note, int velocity = 0) => Voice(0x80, channel, note, velocity);
    /// <summary>Polyphonic key pressure (status An).</summary>
    public static MidiMessage PolyPressure(int channel, int note, int pressure) => Voice(0xA0, channel, note, pressure);
    /// <summary>Control change (status Bn).</summary>
    public static MidiMessage ControlChange(int channel, int controller, int value) => Voice(0xB0, channel, controller, value);
    /// <summary>Program change (status Cn).</summary>
    public static MidiMessage ProgramChange(int channel, int program) => Voice(0xC0, channel, program, 0);
    /// <summary>Channel pressure (status Dn).</summary>
    public static MidiMessage ChannelPressure(int channel, int pressure) => Voice(0xD0, channel, pressure, 0);

    /// <summary>Pitch bend (status En) with a 14-bit value 0..16383, sent LSB first.</summary>
    public static MidiMessage PitchBend(int channel, int value)
    {
        if ((uint)value > 0x3FFF) throw new ArgumentOutOfRangeException(nameof(value), value, "pitch bend is a 14-bit value 0..16383");
        return Voice(0xE0, channel, value & 0x7F, value >> 7);
    }

    /// <summary>A system common or realtime message (F1..FF, not F0/F7) with its data bytes.</summary>
    public static MidiMessage System(byte status, int data1 = 0, int data2 = 0)
    {
        if (status < 0xF1 || status == 0xF7) throw new ArgumentOutOfRangeException(nameof(status), $"0x{status:X2} is not a system common or realtime status");
        CheckData(data1, nameof(data1));
        CheckData(data2, nameof(data2));
        return new MidiMessage(status, (byte)data1, (byte)data2);
    }

    /// <summary>Data bytes that follow <paramref name="status"/>; 0 for realtime, -1 for F0 and F7 (SysEx framing).</summary>
    public static int DataLengthOf(byte status) => status switch
    {
        < 0x80 => throw new ArgumentOutOfRangeException(nameof(status), $"0x{status:X2} is a data byte, not a status"),
        < 0xC0 => 2,
        < 0xE0 => 1,
        < 0xF0 => 2,
        0xF0 or 0xF7 => -1,
        0xF1 or 0xF3 => 1,
        0xF2 => 2,
        _ => 0,
    };

    /// <summary>Hex bytes as they go on the wire (without running status), for logs and test failures.</summary>
    public override string ToString() => DataLength switch
    {
        2 => $"{Status:X2} {Data1:X2} {Data2:X2}",
        1 => $"{Status:X2} {Data1:X2}",
        _ => $"{Status:X2}",
    };

    private static MidiMessage Voice(int kind, int channel, int data1, int data2)
    {
        if ((uint)channel > 15) throw new ArgumentOutOfRangeException(nameof(channel), channel, "MIDI channel nibble is 0..15");
        CheckData(data1, nameof(data1));
        CheckData(data2, nameof(data2));
        return new MidiMessage((byte)(kind | channel), (byte)data1, (byte)data2);
    }

    private static void CheckData(int value, string name)
    {
        if ((uint)value > 0x7F) throw new ArgumentOutOfRangeException(name, value, "MIDI data bytes are 0..127");
    }
}
