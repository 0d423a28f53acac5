using System.Buffers.Binary;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// RTP-MIDI data packets (RFC 6295): a 12-byte RTP header (version 2, payload type 0x61) and the MIDI command
/// section (flags B J Z P and a 4- or 12-bit length, then MIDI commands separated by delta times). We send without
/// a recovery journal (J = 0, allowed on a LAN), one delta time of 0 between commands; on receipt delta times and any
/// journal are skipped and the commands come out as a plain MIDI byte stream (running status kept). Pure; any thread.
/// </summary>
public static class RtpMidiPayload
{
    /// <summary>The RTP payload type used for MIDI.</summary>
    public const byte PayloadType = 0x61;

    /// <summary>Encodes whole MIDI messages (a plain stream, running status allowed) into one RTP-MIDI packet.</summary>
    public static byte[] Encode(ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> midi)
    {
        var list = new List<byte>(midi.Length + 8);
        int p = 0;
        byte running = 0;
        while (p < midi.Length)
        {
            if (p > 0) list.Add(0x00);
            int length = CommandLength(midi, p, ref running, 0);
            for (int i = 0; i < length; i++) list.Add(midi[p + i]);
            p += length;
        }
        if (list.Count > 0x0FFF) throw new ArgumentException($"{list.Count} bytes of MIDI commands exceed the 4095-byte RTP-MIDI command section", nameof(midi));
        int header = list.Count > 15 ? 2 : 1;
        var bytes = new byte[12 + header + list.Count];
        bytes[0] = 0x80;
        bytes[1] = PayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), ssrc);
        if (header == 1) bytes[12] = (byte)list.Count;
        else
        {
            bytes[12] = (byte)(0x80 | list.Count >> 8);
            bytes[13] = (byte)list.Count;
        }
        list.CopyTo(bytes, 12 + header);
        return bytes;
    }

    /// <summary>
    /// Decodes a packet's MIDI commands into <paramref name="midi"/> (a plain MIDI stream); returns the sender SSRC and
    /// sequence number. Throws <see cref="FormatException"/> naming the byte offset of what is wrong.
    /// </summary>
    public static (uint Ssrc, ushort Sequence) Decode(ReadOnlySpan<byte> packet, List<byte> midi)
    {
        if (packet.Length < 13) throw new FormatException($"RTP-MIDI packet at byte offset {packet.Length}: needs at least 13 bytes");
        if (packet[0] >> 6 != 2) throw new FormatException($"RTP-MIDI packet at byte offset 0: RTP version {packet[0] >> 6}, expected 2");
        int csrc = packet[0] & 0x0F;
        int p = 12 + 4 * csrc;
        if (packet.Length <= p) throw new FormatException($"RTP-MIDI packet at byte offset {packet.Length}: no MIDI command section");
        byte flags = packet[p];
        int length = flags & 0x0F;
        int start = p + 1;
        if ((flags & 0x80) != 0)
        {
            if (packet.Length <= p + 1) throw new FormatException($"RTP-MIDI packet at byte offset {p + 1}: 12-bit length needs a second byte");
            length = (flags & 0x0F) << 8 | packet[p + 1];
            start = p + 2;
        }
        if (start + length > packet.Length)
            throw new FormatException($"RTP-MIDI packet at byte offset {p}: command section of {length} bytes runs past the end ({packet.Length - start} remain)");
        var list = packet.Slice(start, length);
        bool deltaFirst = (flags & 0x20) != 0;
        byte running = 0;
        int q = 0;
        for (int index = 0; q < list.Length; index++)
        {
            if (index > 0 || deltaFirst)
            {
                int vlq = 0;
                while (q < list.Length && (list[q] & 0x80) != 0 && vlq < 3) { q++; vlq++; }
                q++;
                if (q >= list.Length) break;
            }
            int n = CommandLength(list, q, ref running, start);
            foreach (byte b in list.Slice(q, n)) midi.Add(b);
            q += n;
        }
        return (BinaryPrimitives.ReadUInt32BigEndian(packet[8..]), BinaryPrimitives.ReadUInt16BigEndian(packet[2..]));
    }

    private static int CommandLength(ReadOnlySpan<byte> midi, int p, ref byte running, int baseOffset)
    {
        byte b = midi[p];
        int length;
        if (b >= 0xF8) return 1;
        if (b is 0xF0 or 0xF7)
        {
            int end = midi[(p + 1)..].IndexOfAny((byte)0xF7, (byte)0xF0, (byte)0xF4);
            if (end < 0) throw new FormatException($"RTP-MIDI SysEx at byte offset {baseOffset + p} is not terminated within the packet");
            running = 0;
            return end + 2;
        }
        if (b >= 0x80)
        {
            length = 1 + MidiMessage.DataLengthOf(b);
            running = b < 0xF0 ? b : (byte)0;
        }
        else
        {
            if (running == 0) throw new FormatException($"RTP-MIDI data byte 0x{b:X2} at byte offset {baseOffset + p} has no running status");
            length = MidiMessage.DataLengthOf(running);
        }
        if (p + length > midi.Length) throw new FormatException($"RTP-MIDI command at byte offset {baseOffset + p} is cut off by the end of the packet");
        return length;
    }
}
