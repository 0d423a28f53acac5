using System.Buffers.Binary;
using System.Text;

namespace MixEngine.Surfaces.Midi;

/// <summary>The AppleMIDI session commands (two ASCII bytes after the FF FF signature).</summary>
public enum AppleMidiCommandKind : ushort
{
    /// <summary>"IN": invitation.</summary>
    Invitation = 0x494E,
    /// <summary>"OK": invitation accepted.</summary>
    Accepted = 0x4F4B,
    /// <summary>"NO": invitation rejected.</summary>
    Rejected = 0x4E4F,
    /// <summary>"BY": end of session.</summary>
    End = 0x4259,
    /// <summary>"CK": clock synchronisation.</summary>
    ClockSync = 0x434B,
    /// <summary>"RS": receiver feedback (highest sequence number received).</summary>
    ReceiverFeedback = 0x5253,
}

/// <summary>
/// One AppleMIDI session packet (spec surfaces.md §5.1): IN/OK/NO/BY carry protocol version 2, the initiator token,
/// the sender SSRC and (IN/OK) a NUL-terminated UTF-8 name; CK carries the SSRC, a count 0..2 and three 64-bit
/// timestamps in 100 µs units; RS carries the SSRC and a 16-bit sequence number. A value; any thread.
/// </summary>
public readonly record struct AppleMidiCommand(
    AppleMidiCommandKind Kind, uint Ssrc, uint Token = 0, string Name = "", byte Count = 0,
    ulong Timestamp1 = 0, ulong Timestamp2 = 0, ulong Timestamp3 = 0, ushort Sequence = 0)
{
    /// <summary>The protocol version every IN/OK/NO/BY carries.</summary>
    public const uint ProtocolVersion = 2;

    /// <summary>True when a datagram starts with the FF FF session signature (otherwise it is RTP-MIDI data).</summary>
    public static bool IsSessionPacket(ReadOnlySpan<byte> datagram) => datagram.Length >= 4 && datagram[0] == 0xFF && datagram[1] == 0xFF;

    /// <summary>The encoded packet.</summary>
    public byte[] Encode()
    {
        var name = Kind is AppleMidiCommandKind.Invitation or AppleMidiCommandKind.Accepted ? Encoding.UTF8.GetBytes(Name + "\0") : [];
        byte[] bytes = Kind switch
        {
            AppleMidiCommandKind.ClockSync => new byte[36],
            AppleMidiCommandKind.ReceiverFeedback => new byte[12],
            _ => new byte[16 + name.Length],
        };
        bytes[0] = bytes[1] = 0xFF;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)Kind);
        var body = bytes.AsSpan(4);
        switch (Kind)
        {
            case AppleMidiCommandKind.ClockSync:
                BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
                body[4] = Count;
                BinaryPrimitives.WriteUInt64BigEndian(body[8..], Timestamp1);
                BinaryPrimitives.WriteUInt64BigEndian(body[16..], Timestamp2);
                BinaryPrimitives.WriteUInt64BigEndian(body[24..], Timestamp3);
                break;
            case AppleMidiCommandKind.ReceiverFeedback:
                BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
                BinaryPrimitives.WriteUInt16BigEndian(body[4..], Sequence);
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(body, ProtocolVersion);
                BinaryPrimitives.WriteUInt32BigEndian(body[4..], Token);
                BinaryPrimitives.WriteUInt32BigEndian(body[8..], Ssrc);
                name.CopyTo(body[12..]);
                break;
        }
        return bytes;
    }

    /// <summary>Decodes a session packet; throws <see cref="FormatException"/> naming the byte offset of what is wrong.</summary>
    public static AppleMidiCommand Decode(ReadOnlySpan<byte> packet)
    {
        if (!IsSessionPacket(packet)) throw new FormatException("AppleMIDI packet at byte offset 0: expected the FF FF signature and a command");
        var kind = (AppleMidiCommandKind)BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var body = packet[4..];
        switch (kind)
        {
            case AppleMidiCommandKind.ClockSync:
                Need(body, 32, "CK");
                if (body[4] > 2) throw new FormatException($"AppleMIDI CK at byte offset 8: count {body[4]} is not 0, 1 or 2");
                return new AppleMidiCommand(kind, BinaryPrimitives.ReadUInt32BigEndian(body), Count: body[4],
                    Timestamp1: BinaryPrimitives.ReadUInt64BigEndian(body[8..]), Timestamp2: BinaryPrimitives.ReadUInt64BigEndian(body[16..]),
                    Timestamp3: BinaryPrimitives.ReadUInt64BigEndian(body[24..]));
            case AppleMidiCommandKind.ReceiverFeedback:
                Need(body, 6, "RS");
                return new AppleMidiCommand(kind, BinaryPrimitives.ReadUInt32BigEndian(body), Sequence: BinaryPrimitives.ReadUInt16BigEndian(body[4..]));
            case AppleMidiCommandKind.Invitation or AppleMidiCommandKind.Accepted or AppleMidiCommandKind.Rejected or AppleMidiCommandKind.End:
                Need(body, 12, Encoding.ASCII.GetString(packet.Slice(2, 2)));
                uint version = BinaryPrimitives.ReadUInt32BigEndian(body);
                if (version != ProtocolVersion) throw new FormatException($"AppleMIDI packet at byte offset 4: protocol version {version}, expected {ProtocolVersion}");
                var nameBytes = body[12..];
                int nul = nameBytes.IndexOf((byte)0);
                string name = Encoding.UTF8.GetString(nul >= 0 ? nameBytes[..nul] : nameBytes);
                return new AppleMidiCommand(kind, BinaryPrimitives.ReadUInt32BigEndian(body[8..]), BinaryPrimitives.ReadUInt32BigEndian(body[4..]), name);
            default:
                throw new FormatException($"AppleMIDI packet at byte offset 2: unknown command 0x{(ushort)kind:X4}");
        }
    }

    private static void Need(ReadOnlySpan<byte> body, int length, string what)
    {
        if (body.Length < length) throw new FormatException($"AppleMIDI {what} at byte offset {4 + body.Length}: needs {length + 4} bytes, got {body.Length + 4}");
    }
}
