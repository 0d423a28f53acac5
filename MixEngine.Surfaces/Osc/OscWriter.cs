using System.Buffers.Binary;
using System.Text;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Writes one OSC message into a caller-owned buffer without allocating: the address (optionally with an integer
/// suffix, <c>/strip/fader/3</c>), the type tag string, then the arguments in tag order. The arguments written must
/// match the tags given; <see cref="Length"/> is the encoded size. Produces the same bytes as <see cref="OscCodec"/>.
/// A stack-only view; used by surfaces on their send paths.
/// </summary>
public ref struct OscWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Starts a message at <paramref name="address"/> (plus "/<paramref name="suffix"/>" when it is ≥ 0) with type tags <paramref name="tags"/> (without the leading ',').</summary>
    public OscWriter(Span<byte> buffer, ReadOnlySpan<char> address, ReadOnlySpan<char> tags, int suffix = -1)
    {
        _buffer = buffer;
        int n = Encoding.UTF8.GetBytes(address, buffer);
        if (suffix >= 0)
        {
            buffer[n++] = (byte)'/';
            suffix.TryFormat(buffer[n..], out int digits);
            n += digits;
        }
        _position = Pad(n);
        buffer[n.._position].Clear();
        int tagStart = _position;
        buffer[_position++] = (byte)',';
        foreach (char t in tags) buffer[_position++] = (byte)t;
        int end = tagStart + Pad(_position - tagStart);
        buffer[_position..end].Clear();
        _position = end;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>Appends an 'i'.</summary>
    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Appends an 'f'.</summary>
    public void Float32(float value)
    {
        BinaryPrimitives.WriteSingleBigEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Appends an 'h'.</summary>
    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer[_position..], value);
        _position += 8;
    }

    /// <summary>Appends an 's' (UTF-8, NUL-terminated, zero-padded).</summary>
    public void String(ReadOnlySpan<char> value)
    {
        int n = Encoding.UTF8.GetBytes(value, _buffer[_position..]);
        int end = Pad(n);
        _buffer.Slice(_position + n, end - n).Clear();
        _position += end;
    }

    /// <summary>Bytes a string of <paramref name="n"/> UTF-8 bytes takes with its NUL and padding.</summary>
    private static int Pad(int n) => (n + 4) & ~3;
}
