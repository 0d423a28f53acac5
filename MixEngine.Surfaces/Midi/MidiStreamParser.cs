namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Turns a MIDI 1.0 byte stream (a raw MIDI port, an RTP-MIDI command list) into messages: running status, SysEx
/// accumulated across reads, realtime bytes (F8..FF) delivered at once wherever they appear (even inside SysEx or
/// between a status and its data) without disturbing the message around them, and system common messages clearing
/// running status (MIDI 1.0 Detailed Specification, "Running Status" and "System Real Time Messages"). Faults are
/// reported and the stream carries on. One instance per stream, fed from one reading thread; a steady stream
/// allocates nothing (the SysEx buffer grows once up to the limit).
/// </summary>
public sealed class MidiStreamParser
{
    private readonly int _maxSysExBytes;
    private byte[] _sysEx = new byte[64];
    private int _sysExLength;
    private bool _inSysEx;
    private bool _sysExOversize;
    private long _sysExStart;
    private byte _status;
    private readonly byte[] _data = new byte[2];
    private int _dataCount;
    private long _offset;

    /// <summary>A parser that drops SysEx messages longer than <paramref name="maxSysExBytes"/> (F0 and F7 included).</summary>
    public MidiStreamParser(int maxSysExBytes = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSysExBytes, 2);
        _maxSysExBytes = maxSysExBytes;
    }

    /// <summary>Bytes consumed so far (the offset faults are reported at).</summary>
    public long StreamOffset => _offset;

    /// <summary>Forgets running status and any partial message or SysEx (after a port reopen); the offset keeps counting.</summary>
    public void Reset()
    {
        _status = 0;
        _dataCount = 0;
        _inSysEx = false;
        _sysExLength = 0;
    }

    /// <summary>Parses <paramref name="bytes"/>, delivering complete messages to <paramref name="sink"/> in stream order.</summary>
    public void Push(ReadOnlySpan<byte> bytes, IMidiSink sink)
    {
        foreach (byte b in bytes)
        {
            long offset = _offset++;
            if (b >= 0xF8)
            {
                if (b is 0xF9 or 0xFD) sink.OnMalformed(new MidiFault(MidiFaultKind.UndefinedStatus, offset, b));
                else sink.OnMessage(new MidiMessage(b));
                continue;
            }
            if (_inSysEx)
            {
                if (b < 0x80) { AppendSysEx(b); continue; }
                if (b == 0xF7)
                {
                    AppendSysEx(b);
                    if (_sysExOversize) sink.OnMalformed(new MidiFault(MidiFaultKind.OversizeSysEx, _sysExStart, 0xF0));
                    else sink.OnSysEx(_sysEx.AsSpan(0, _sysExLength));
                    _inSysEx = false;
                    continue;
                }
                _inSysEx = false;
                sink.OnMalformed(new MidiFault(MidiFaultKind.UnterminatedSysEx, offset, b));
            }
            if (b >= 0x80) { Status(b, offset, sink); continue; }
            if (_status == 0)
            {
                sink.OnMalformed(new MidiFault(MidiFaultKind.DataWithoutStatus, offset, b));
                continue;
            }
            _data[_dataCount++] = b;
            if (_dataCount == MidiMessage.DataLengthOf(_status)) Complete(sink);
        }
    }

    private void Status(byte b, long offset, IMidiSink sink)
    {
        if (_dataCount > 0) sink.OnMalformed(new MidiFault(MidiFaultKind.TruncatedMessage, offset, b));
        _dataCount = 0;
        switch (b)
        {
            case 0xF0:
                _status = 0;
                _inSysEx = true;
                _sysExOversize = false;
                _sysExStart = offset;
                _sysExLength = 0;
                AppendSysEx(b);
                break;
            case 0xF7:
                _status = 0;
                sink.OnMalformed(new MidiFault(MidiFaultKind.StrayEndOfSysEx, offset, b));
                break;
            case 0xF4 or 0xF5:
                _status = 0;
                sink.OnMalformed(new MidiFault(MidiFaultKind.UndefinedStatus, offset, b));
                break;
            default:
                _status = b;
                if (MidiMessage.DataLengthOf(b) == 0) Complete(sink);
                break;
        }
    }

    private void Complete(IMidiSink sink)
    {
        sink.OnMessage(new MidiMessage(_status, _data[0], _dataCount > 1 ? _data[1] : (byte)0));
        _dataCount = 0;
        _data[0] = 0;
        // System common messages cancel running status; channel messages keep it.
        if (_status >= 0xF0) _status = 0;
    }

    private void AppendSysEx(byte b)
    {
        if (_sysExOversize) return;
        if (_sysExLength == _maxSysExBytes) { _sysExOversize = true; return; }
        if (_sysExLength == _sysEx.Length) Array.Resize(ref _sysEx, Math.Min(_sysEx.Length * 2, _maxSysExBytes));
        _sysEx[_sysExLength++] = b;
    }
}
