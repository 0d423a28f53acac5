using System.Buffers.Binary;
using System.Text;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Converts OSC 1.0 packets (messages and bundles) between bytes and <see cref="OscPacket"/> values. Pure and
/// stateless, so any thread may call it. Decoding is strict: lengths, 4-byte alignment, zero padding, type tags and
/// string encoding are all checked, and the first fault throws <see cref="OscFormatException"/> with its byte offset.
/// Spec: "The Open Sound Control 1.0 Specification" (Wright, opensoundcontrol.org), sections "OSC Packets", "OSC
/// Messages", "OSC Bundles", "OSC Type Tag String" and its nonstandard types (h t d c r m T F N I).
/// </summary>
public static class OscCodec
{
    private static readonly byte[] BundleMarker = "#bundle\0"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Bundles nested deeper than this are refused (a guard against crafted packets, not an OSC rule).</summary>
    public const int MaxBundleDepth = 16;

    /// <summary>Decodes one packet (a whole UDP datagram or one stream frame); any thread.</summary>
    public static OscPacket Decode(ReadOnlySpan<byte> packet) => Decode(packet, 0, 0);

    /// <summary>Encodes a packet into a new array; any thread.</summary>
    public static byte[] Encode(OscPacket packet)
    {
        var bytes = new byte[GetEncodedLength(packet)];
        Encode(packet, bytes);
        return bytes;
    }

    /// <summary>Encodes a packet into <paramref name="destination"/> and returns the byte count; any thread.</summary>
    public static int Encode(OscPacket packet, Span<byte> destination)
    {
        int length = GetEncodedLength(packet);
        if (destination.Length < length)
            throw new ArgumentException($"OSC packet needs {length} bytes, the destination holds {destination.Length}", nameof(destination));
        int written = Write(packet, destination);
        return written;
    }

    /// <summary>The exact number of bytes <see cref="Encode(OscPacket)"/> produces; validates addresses and strings.</summary>
    public static int GetEncodedLength(OscPacket packet) => packet switch
    {
        OscMessage m => MessageLength(m),
        OscBundle b => 16 + b.Elements.Sum(e => 4 + GetEncodedLength(e)),
        _ => throw new ArgumentException($"unknown OSC packet type {packet.GetType().Name}", nameof(packet)),
    };

    private static OscPacket Decode(ReadOnlySpan<byte> packet, int baseOffset, int depth)
    {
        if (packet.Length == 0) throw new OscFormatException(baseOffset, "empty packet");
        if (packet.Length % 4 != 0)
            throw new OscFormatException(baseOffset + packet.Length, $"packet length {packet.Length} is not a multiple of 4");
        if (packet[0] == (byte)'#') return DecodeBundle(packet, baseOffset, depth);
        var reader = new OscMessageReader(packet, baseOffset);
        string address = DecodeString(reader.Address, baseOffset, "address");
        var arguments = reader.TypeTags.Length == 0 ? [] : new OscArgument[reader.TypeTags.Length];
        for (int i = 0; reader.MoveNext(); i++)
            arguments[i] = reader.CurrentTag switch
            {
                'i' => OscArgument.Int32(reader.CurrentInt32),
                'f' => OscArgument.Float32(reader.CurrentFloat32),
                's' => OscArgument.String(DecodeString(reader.CurrentData, baseOffset + reader.CurrentOffset, "string argument")),
                'b' => OscArgument.Blob(reader.CurrentData.ToArray()),
                'h' => OscArgument.Int64(reader.CurrentInt64),
                'd' => OscArgument.Float64(reader.CurrentFloat64),
                't' => OscArgument.TimeTag(new OscTimeTag((ulong)reader.CurrentInt64)),
                'T' => OscArgument.Boolean(true),
                'F' => OscArgument.Boolean(false),
                'N' => OscArgument.Nil,
                'I' => OscArgument.Infinitum,
                'c' => DecodeChar(reader.CurrentInt32, baseOffset + reader.CurrentOffset),
                'r' => OscArgument.Rgba((uint)reader.CurrentInt32),
                _ => OscArgument.Midi(new OscMidi(reader.CurrentData[0], reader.CurrentData[1], reader.CurrentData[2], reader.CurrentData[3])),
            };
        return new OscMessage(address, arguments);
    }

    private static OscBundle DecodeBundle(ReadOnlySpan<byte> packet, int baseOffset, int depth)
    {
        if (packet.Length < 16 || !packet[..8].SequenceEqual(BundleMarker))
            throw new OscFormatException(baseOffset, "a packet starting with '#' must be a bundle: \"#bundle\\0\" and an 8-byte time tag");
        if (depth >= MaxBundleDepth) throw new OscFormatException(baseOffset, $"bundles nested deeper than {MaxBundleDepth}");
        var time = new OscTimeTag(BinaryPrimitives.ReadUInt64BigEndian(packet[8..]));
        var elements = new List<OscPacket>();
        int position = 16;
        while (position < packet.Length)
        {
            if (packet.Length - position < 4)
                throw new OscFormatException(baseOffset + position, "bundle element size needs 4 bytes");
            int size = BinaryPrimitives.ReadInt32BigEndian(packet[position..]);
            if (size <= 0 || size % 4 != 0)
                throw new OscFormatException(baseOffset + position, $"bundle element size {size} must be a positive multiple of 4");
            if (size > packet.Length - position - 4)
                throw new OscFormatException(baseOffset + position, $"bundle element of {size} bytes runs past the end of the bundle ({packet.Length - position - 4} byte(s) remain)");
            elements.Add(Decode(packet.Slice(position + 4, size), baseOffset + position + 4, depth + 1));
            position += 4 + size;
        }
        return new OscBundle(time, elements);
    }

    private static string DecodeString(ReadOnlySpan<byte> bytes, int offset, string what)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new OscFormatException(offset, $"{what} is not valid UTF-8"); }
    }

    private static OscArgument DecodeChar(int value, int offset) =>
        value is >= 0 and <= 0x7F ? OscArgument.Char((char)value)
            : throw new OscFormatException(offset, $"'c' argument 0x{value:X8} is not an ASCII character");

    private static int MessageLength(OscMessage m)
    {
        if (m.Address.Length == 0 || m.Address[0] != '/')
            throw new ArgumentException($"OSC address \"{m.Address}\" must start with '/'", nameof(m));
        int length = PaddedStringLength(m.Address, "address") + Pad(m.Arguments.Count + 2);
        foreach (var a in m.Arguments)
            length += a.Tag switch
            {
                'i' or 'f' or 'c' or 'r' or 'm' => 4,
                'h' or 'd' or 't' => 8,
                's' => PaddedStringLength(a.AsString, $"string argument of {m.Address}"),
                'b' => 4 + Pad(a.AsBlob.Length),
                _ => 0,
            };
        return length;
    }

    private static int PaddedStringLength(string s, string what)
    {
        if (s.Contains('\0')) throw new ArgumentException($"OSC {what} \"{s.Replace("\0", "\\0")}\" contains a NUL character");
        return Pad(Encoding.UTF8.GetByteCount(s) + 1);
    }

    private static int Pad(int n) => (n + 3) & ~3;

    private static int Write(OscPacket packet, Span<byte> d)
    {
        if (packet is OscBundle b)
        {
            BundleMarker.CopyTo(d);
            BinaryPrimitives.WriteUInt64BigEndian(d[8..], b.Time.Raw);
            int p = 16;
            foreach (var e in b.Elements)
            {
                int size = Write(e, d[(p + 4)..]);
                BinaryPrimitives.WriteInt32BigEndian(d[p..], size);
                p += 4 + size;
            }
            return p;
        }
        var m = (OscMessage)packet;
        int pos = WriteString(m.Address, d);
        int tagsEnd = pos + Pad(m.Arguments.Count + 2);
        d[pos..tagsEnd].Clear();
        d[pos] = (byte)',';
        for (int i = 0; i < m.Arguments.Count; i++) d[pos + 1 + i] = (byte)m.Arguments[i].Tag;
        pos = tagsEnd;
        foreach (var a in m.Arguments)
        {
            switch (a.Tag)
            {
                case 'i' or 'c' or 'r' or 'm':
                    BinaryPrimitives.WriteInt32BigEndian(d[pos..], (int)a.RawInteger);
                    pos += 4;
                    break;
                case 'f':
                    BinaryPrimitives.WriteSingleBigEndian(d[pos..], (float)a.RawReal);
                    pos += 4;
                    break;
                case 'h' or 't':
                    BinaryPrimitives.WriteInt64BigEndian(d[pos..], a.RawInteger);
                    pos += 8;
                    break;
                case 'd':
                    BinaryPrimitives.WriteDoubleBigEndian(d[pos..], a.RawReal);
                    pos += 8;
                    break;
                case 's':
                    pos += WriteString((string)a.RawReference!, d[pos..]);
                    break;
                case 'b':
                    var blob = (byte[])a.RawReference!;
                    BinaryPrimitives.WriteInt32BigEndian(d[pos..], blob.Length);
                    blob.CopyTo(d[(pos + 4)..]);
                    d.Slice(pos + 4 + blob.Length, Pad(blob.Length) - blob.Length).Clear();
                    pos += 4 + Pad(blob.Length);
                    break;
            }
        }
        return pos;
    }

    private static int WriteString(string s, Span<byte> d)
    {
        int n = Encoding.UTF8.GetBytes(s, d);
        int end = Pad(n + 1);
        d[n..end].Clear();
        return end;
    }
}
