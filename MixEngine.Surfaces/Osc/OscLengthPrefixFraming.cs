using System.Buffers.Binary;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// OSC 1.0 stream framing: every packet is preceded by its byte count as a big-endian int32 ("OSC Packets": "the
/// length of the OSC packet ... followed by the packet"). One stream's decoder, fed from one reading thread; after a
/// bad length the stream cannot be resynchronised, so the decoder reports the fault once, becomes
/// <see cref="Faulted"/> and the transport closes the connection.
/// </summary>
public sealed class OscLengthPrefixFraming
{
    private readonly int _maxPacketBytes;
    private readonly byte[] _header = new byte[4];
    private byte[] _frame = new byte[256];
    private int _headerFill;
    private int _expected = -1;
    private int _length;
    private long _streamOffset;

    /// <summary>A decoder that refuses packets longer than <paramref name="maxPacketBytes"/>.</summary>
    public OscLengthPrefixFraming(int maxPacketBytes = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketBytes, 4);
        _maxPacketBytes = maxPacketBytes;
    }

    /// <summary>True after a bad length prefix: the rest of the stream is ignored.</summary>
    public bool Faulted { get; private set; }

    /// <summary>Writes the 4-byte length and the packet into <paramref name="destination"/>; returns the byte count. Any thread.</summary>
    public static int Encode(ReadOnlySpan<byte> packet, Span<byte> destination)
    {
        if (destination.Length < packet.Length + 4)
            throw new ArgumentException($"length-prefixed frame needs {packet.Length + 4} bytes, the destination holds {destination.Length}", nameof(destination));
        BinaryPrimitives.WriteInt32BigEndian(destination, packet.Length);
        packet.CopyTo(destination[4..]);
        return packet.Length + 4;
    }

    /// <summary>Feeds received bytes; whole packets and the fault (if any) go to <paramref name="sink"/> in stream order.</summary>
    public void Push(ReadOnlySpan<byte> bytes, IOscFrameSink sink)
    {
        while (bytes.Length > 0 && !Faulted)
        {
            if (_expected < 0)
            {
                int take = Math.Min(4 - _headerFill, bytes.Length);
                bytes[..take].CopyTo(_header.AsSpan(_headerFill));
                _headerFill += take;
                bytes = bytes[take..];
                _streamOffset += take;
                if (_headerFill < 4) return;
                _headerFill = 0;
                int size = BinaryPrimitives.ReadInt32BigEndian(_header);
                if (size <= 0 || size > _maxPacketBytes || size % 4 != 0)
                {
                    Faulted = true;
                    sink.OnMalformed(new OscFormatException((int)Math.Min(_streamOffset - 4, int.MaxValue),
                        $"length prefix {size} is not a positive multiple of 4 up to the {_maxPacketBytes}-byte packet limit"));
                    return;
                }
                _expected = size;
                _length = 0;
                if (_frame.Length < size) Array.Resize(ref _frame, Math.Max(size, Math.Min(_frame.Length * 2, _maxPacketBytes)));
            }
            int part = Math.Min(_expected - _length, bytes.Length);
            bytes[..part].CopyTo(_frame.AsSpan(_length));
            _length += part;
            bytes = bytes[part..];
            _streamOffset += part;
            if (_length == _expected)
            {
                _expected = -1;
                sink.OnFrame(_frame.AsSpan(0, _length));
            }
        }
    }
}
