using System.Buffers.Binary;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Reads one OSC message in place, without allocating: the address and type tags as byte spans, then each argument in
/// turn with <see cref="MoveNext"/>. Every length, padding byte and type tag is checked as it is reached, and a fault
/// throws <see cref="OscFormatException"/> naming its byte offset (relative to the outermost packet via the base
/// offset). A stack-only view over a buffer the caller owns; used on the surface receive thread.
/// </summary>
public ref struct OscMessageReader
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _baseOffset;
    private int _tagIndex;
    private int _position;

    /// <summary>Validates the address and type tag string of <paramref name="message"/> (which starts with '/').</summary>
    public OscMessageReader(ReadOnlySpan<byte> message, int baseOffset = 0)
    {
        _message = message;
        _baseOffset = baseOffset;
        if (message.Length == 0) throw Fault(0, "empty message");
        if (message[0] != (byte)'/') throw Fault(0, $"an OSC address must start with '/', found byte 0x{message[0]:X2}");
        int addressEnd = ReadPaddedString(message, 0, baseOffset, "address");
        Address = message[..message.IndexOf((byte)0)];
        if (addressEnd == message.Length) throw Fault(addressEnd, "missing type tag string (expected ',' after the address)");
        if (message[addressEnd] != (byte)',')
            throw Fault(addressEnd, $"type tag string must start with ',', found byte 0x{message[addressEnd]:X2}");
        _position = ReadPaddedString(message, addressEnd, baseOffset, "type tag string");
        TypeTags = message.Slice(addressEnd + 1, message[addressEnd..].IndexOf((byte)0) - 1);
        TypeTagsOffset = addressEnd + 1;
        _tagIndex = -1;
        CurrentTag = '\0';
        CurrentOffset = 0;
        CurrentData = default;
    }

    /// <summary>The address bytes (UTF-8, without the terminating NUL).</summary>
    public ReadOnlySpan<byte> Address { get; }

    /// <summary>The type tag characters after the leading ','.</summary>
    public ReadOnlySpan<byte> TypeTags { get; }

    /// <summary>Offset of the first type tag character within the message.</summary>
    public int TypeTagsOffset { get; }

    /// <summary>The type tag of the current argument.</summary>
    public char CurrentTag { get; private set; }

    /// <summary>Offset of the current argument's data within the message.</summary>
    public int CurrentOffset { get; private set; }

    /// <summary>
    /// The current argument's data bytes: 4 or 8 big-endian bytes for numbers, the UTF-8 bytes without NUL for 's',
    /// the content for 'b', empty for T F N I.
    /// </summary>
    public ReadOnlySpan<byte> CurrentData { get; private set; }

    /// <summary>Advances to the next argument, validating it; false after the last one (which also checks that no bytes follow).</summary>
    public bool MoveNext()
    {
        _tagIndex++;
        if (_tagIndex >= TypeTags.Length)
        {
            if (_position != _message.Length)
                throw Fault(_position, $"{_message.Length - _position} byte(s) after the last argument");
            _tagIndex = TypeTags.Length;
            return false;
        }
        char tag = (char)TypeTags[_tagIndex];
        CurrentTag = tag;
        CurrentOffset = _position;
        switch (tag)
        {
            case 'i' or 'f' or 'c' or 'r' or 'm':
                CurrentData = Take(4, tag);
                break;
            case 'h' or 'd' or 't':
                CurrentData = Take(8, tag);
                break;
            case 'T' or 'F' or 'N' or 'I':
                CurrentData = default;
                break;
            case 's':
                int end = ReadPaddedString(_message, _position, _baseOffset, "string argument");
                CurrentData = _message.Slice(_position, _message[_position..].IndexOf((byte)0));
                _position = end;
                break;
            case 'b':
                int size = BinaryPrimitives.ReadInt32BigEndian(Take(4, tag));
                if (size < 0) throw Fault(CurrentOffset, $"blob size {size} is negative");
                int padded = (size + 3) & ~3;
                if (padded > _message.Length - _position)
                    throw Fault(CurrentOffset, $"blob of {size} byte(s) runs past the end of the packet ({_message.Length - _position} byte(s) remain)");
                CurrentData = _message.Slice(_position, size);
                CheckZeroPadding(_message, _position + size, _position + padded, _baseOffset, "blob");
                _position += padded;
                break;
            default:
                throw Fault(TypeTagsOffset + _tagIndex, $"unknown type tag '{tag}' (0x{(byte)tag:X2})");
        }
        return true;
    }

    /// <summary>The current 'i', 'c', 'r' or 'm' value as a big-endian int32.</summary>
    public readonly int CurrentInt32 => BinaryPrimitives.ReadInt32BigEndian(CurrentData);

    /// <summary>The current 'h' or 't' value as a big-endian int64.</summary>
    public readonly long CurrentInt64 => BinaryPrimitives.ReadInt64BigEndian(CurrentData);

    /// <summary>The current 'f' value.</summary>
    public readonly float CurrentFloat32 => BinaryPrimitives.ReadSingleBigEndian(CurrentData);

    /// <summary>The current 'd' value.</summary>
    public readonly double CurrentFloat64 => BinaryPrimitives.ReadDoubleBigEndian(CurrentData);

    /// <summary>The current argument as a number when it is i, h, f, d, T or F (T = 1, F = 0); null otherwise.</summary>
    public readonly double? CurrentNumber => CurrentTag switch
    {
        'i' => CurrentInt32,
        'h' => CurrentInt64,
        'f' => CurrentFloat32,
        'd' => CurrentFloat64,
        'T' => 1.0,
        'F' => 0.0,
        _ => null,
    };

    private ReadOnlySpan<byte> Take(int count, char tag)
    {
        if (_message.Length - _position < count)
            throw Fault(_position, $"argument '{tag}' needs {count} bytes, {_message.Length - _position} remain");
        var data = _message.Slice(_position, count);
        _position += count;
        return data;
    }

    private readonly OscFormatException Fault(int offset, string problem) => new(_baseOffset + offset, problem);

    /// <summary>Checks a NUL-terminated, zero-padded string starting at <paramref name="start"/>; returns the offset after its padding.</summary>
    internal static int ReadPaddedString(ReadOnlySpan<byte> packet, int start, int baseOffset, string what)
    {
        int nul = packet[start..].IndexOf((byte)0);
        if (nul < 0) throw new OscFormatException(baseOffset + start, $"{what} is not NUL-terminated before the end of the packet");
        int end = start + ((nul + 4) & ~3);
        if (end > packet.Length)
            throw new OscFormatException(baseOffset + packet.Length, $"{what} padding runs past the end of the packet (needs {end - packet.Length} more byte(s))");
        CheckZeroPadding(packet, start + nul + 1, end, baseOffset, what);
        return end;
    }

    private static void CheckZeroPadding(ReadOnlySpan<byte> packet, int from, int to, int baseOffset, string what)
    {
        for (int i = from; i < to; i++)
            if (packet[i] != 0)
                throw new OscFormatException(baseOffset + i, $"non-zero padding byte 0x{packet[i]:X2} after the {what}");
    }
}
