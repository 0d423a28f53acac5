namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Encodes messages into MIDI 1.0 bytes for one output stream, optionally with running status (the status byte is
/// left out when it repeats the previous channel message's; realtime leaves running status alone, system common and
/// SysEx cancel it). One instance per output stream, used from one sending thread; allocates nothing.
/// </summary>
public sealed class MidiStreamWriter
{
    private readonly bool _runningStatus;
    private byte _lastStatus;

    /// <summary>A writer that uses running status when <paramref name="runningStatus"/> is true.</summary>
    public MidiStreamWriter(bool runningStatus)
    {
        _runningStatus = runningStatus;
    }

    /// <summary>Forgets the last status so the next message carries its status byte (after a reconnect).</summary>
    public void Reset() => _lastStatus = 0;

    /// <summary>Writes one short message; returns the byte count (0..3).</summary>
    public int Write(MidiMessage message, Span<byte> destination)
    {
        int dataLength = message.DataLength;
        if (dataLength < 0) throw new ArgumentException($"0x{message.Status:X2} is SysEx framing; use WriteSysEx", nameof(message));
        bool omitStatus = _runningStatus && message.IsChannelMessage && message.Status == _lastStatus;
        int length = dataLength + (omitStatus ? 0 : 1);
        if (destination.Length < length) throw new ArgumentException($"MIDI message needs {length} bytes, the destination holds {destination.Length}", nameof(destination));
        int p = 0;
        if (!omitStatus) destination[p++] = message.Status;
        if (dataLength > 0) destination[p++] = message.Data1;
        if (dataLength > 1) destination[p++] = message.Data2;
        if (message.IsChannelMessage) _lastStatus = message.Status;
        else if (!message.IsRealtime) _lastStatus = 0;
        return p;
    }

    /// <summary>Writes a complete SysEx (F0 ... F7, data bytes 00..7F in between); returns the byte count.</summary>
    public int WriteSysEx(ReadOnlySpan<byte> sysEx, Span<byte> destination)
    {
        if (sysEx.Length < 2 || sysEx[0] != 0xF0 || sysEx[^1] != 0xF7)
            throw new ArgumentException("SysEx must start with F0 and end with F7", nameof(sysEx));
        int bad = sysEx[1..^1].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (bad >= 0) throw new ArgumentException($"SysEx byte {bad + 1} is 0x{sysEx[bad + 1]:X2}; SysEx data bytes are 00..7F", nameof(sysEx));
        if (destination.Length < sysEx.Length) throw new ArgumentException($"SysEx needs {sysEx.Length} bytes, the destination holds {destination.Length}", nameof(destination));
        sysEx.CopyTo(destination);
        _lastStatus = 0;
        return sysEx.Length;
    }
}
