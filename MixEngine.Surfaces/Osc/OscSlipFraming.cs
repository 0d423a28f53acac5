namespace MixEngine.Surfaces.Osc;

/// <summary>
/// SLIP framing of OSC packets on byte streams (OSC 1.1, after RFC 1055): every packet is sent as END, the packet with
/// END (C0) escaped as ESC ESC_END (DB DC) and ESC (DB) as ESC ESC_DONE (DB DD), then END. The decoder is one
/// stream's state: feed it bytes in any split from one reading thread; it keeps one growing buffer, so a steady
/// stream allocates nothing.
/// </summary>
public sealed class OscSlipFraming
{
    /// <summary>Frame delimiter.</summary>
    public const byte End = 0xC0;
    /// <summary>Escape byte.</summary>
    public const byte Esc = 0xDB;
    /// <summary>Escaped END.</summary>
    public const byte EscEnd = 0xDC;
    /// <summary>Escaped ESC.</summary>
    public const byte EscEsc = 0xDD;

    private readonly int _maxPacketBytes;
    private byte[] _frame = new byte[256];
    private int _length;
    private bool _escaped;
    private bool _discarding;
    private long _streamOffset;
    private long _frameStart;

    /// <summary>A decoder that refuses packets longer than <paramref name="maxPacketBytes"/>.</summary>
    public OscSlipFraming(int maxPacketBytes = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketBytes, 4);
        _maxPacketBytes = maxPacketBytes;
    }

    /// <summary>The number of bytes <see cref="Encode"/> writes for <paramref name="packet"/>.</summary>
    public static int GetEncodedLength(ReadOnlySpan<byte> packet)
    {
        int n = 2 + packet.Length;
        foreach (byte b in packet) if (b is End or Esc) n++;
        return n;
    }

    /// <summary>Writes END, the escaped packet and END into <paramref name="destination"/>; returns the byte count. Any thread.</summary>
    public static int Encode(ReadOnlySpan<byte> packet, Span<byte> destination)
    {
        int needed = GetEncodedLength(packet);
        if (destination.Length < needed)
            throw new ArgumentException($"SLIP frame needs {needed} bytes, the destination holds {destination.Length}", nameof(destination));
        int p = 0;
        destination[p++] = End;
        foreach (byte b in packet)
        {
            if (b == End) { destination[p++] = Esc; destination[p++] = EscEnd; }
            else if (b == Esc) { destination[p++] = Esc; destination[p++] = EscEsc; }
            else destination[p++] = b;
        }
        destination[p++] = End;
        return p;
    }

    /// <summary>Feeds received bytes; whole packets and faults go to <paramref name="sink"/> in stream order.</summary>
    public void Push(ReadOnlySpan<byte> bytes, IOscFrameSink sink)
    {
        foreach (byte b in bytes)
        {
            long offset = _streamOffset++;
            if (b == End)
            {
                if (_escaped) Fault(sink, offset, "SLIP escape byte DB followed by END");
                else if (_length > 0 && !_discarding) sink.OnFrame(_frame.AsSpan(0, _length));
                _length = 0;
                _escaped = false;
                _discarding = false;
                _frameStart = offset + 1;
                continue;
            }
            if (_discarding) continue;
            byte value = b;
            if (_escaped)
            {
                _escaped = false;
                if (b == EscEnd) value = End;
                else if (b == EscEsc) value = Esc;
                else
                {
                    Fault(sink, offset, $"SLIP escape byte DB followed by 0x{b:X2} (expected DC or DD)");
                    continue;
                }
            }
            else if (b == Esc)
            {
                _escaped = true;
                continue;
            }
            if (_length == _maxPacketBytes)
            {
                Fault(sink, _frameStart, $"SLIP frame longer than the {_maxPacketBytes}-byte packet limit");
                continue;
            }
            if (_length == _frame.Length) Array.Resize(ref _frame, Math.Min(_frame.Length * 2, _maxPacketBytes));
            _frame[_length++] = value;
        }
    }

    private void Fault(IOscFrameSink sink, long offset, string problem)
    {
        _discarding = true;
        _escaped = false;
        sink.OnMalformed(new OscFormatException((int)Math.Min(offset, int.MaxValue), problem));
    }
}
