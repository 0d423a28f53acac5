using System.Globalization;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// One typed OSC argument: its type tag (one of i f s b h d t T F N I c r m) and its value. An immutable value; any
/// thread. Numbers are held without conversion loss (int32 and int64 in a long, float32 and float64 in a double), so
/// encode(decode(x)) reproduces x bit for bit.
/// </summary>
public readonly struct OscArgument : IEquatable<OscArgument>
{
    private readonly long _integer;
    private readonly double _real;
    private readonly object? _reference;

    private OscArgument(char tag, long integer = 0, double real = 0, object? reference = null)
    {
        Tag = tag;
        _integer = integer;
        _real = real;
        _reference = reference;
    }

    /// <summary>The OSC type tag character.</summary>
    public char Tag { get; }

    /// <summary>An 'i' int32.</summary>
    public static OscArgument Int32(int value) => new('i', integer: value);
    /// <summary>An 'f' float32.</summary>
    public static OscArgument Float32(float value) => new('f', real: value);
    /// <summary>An 's' string (UTF-8 on the wire, no NUL inside).</summary>
    public static OscArgument String(string value) => new('s', reference: value ?? throw new ArgumentNullException(nameof(value)));
    /// <summary>A 'b' blob; the array is owned by the argument from here on.</summary>
    public static OscArgument Blob(byte[] value) => new('b', reference: value ?? throw new ArgumentNullException(nameof(value)));
    /// <summary>An 'h' int64.</summary>
    public static OscArgument Int64(long value) => new('h', integer: value);
    /// <summary>A 'd' float64.</summary>
    public static OscArgument Float64(double value) => new('d', real: value);
    /// <summary>A 't' time tag.</summary>
    public static OscArgument TimeTag(OscTimeTag value) => new('t', integer: (long)value.Raw);
    /// <summary>'T' or 'F' (no data bytes).</summary>
    public static OscArgument Boolean(bool value) => new(value ? 'T' : 'F');
    /// <summary>'N' nil (no data bytes).</summary>
    public static OscArgument Nil => new('N');
    /// <summary>'I' infinitum, OSC 1.1 "impulse" (no data bytes).</summary>
    public static OscArgument Infinitum => new('I');
    /// <summary>A 'c' ASCII character, sent as an int32.</summary>
    public static OscArgument Char(char value) => value <= 0x7F ? new('c', integer: value)
        : throw new ArgumentOutOfRangeException(nameof(value), $"OSC 'c' carries an ASCII character; U+{(int)value:X4} is not ASCII");
    /// <summary>An 'r' 32-bit RGBA colour, red in the most significant byte.</summary>
    public static OscArgument Rgba(uint value) => new('r', integer: value);
    /// <summary>An 'm' MIDI message (port id, status, data1, data2).</summary>
    public static OscArgument Midi(OscMidi value) =>
        new('m', integer: (uint)(value.Port << 24 | value.Status << 16 | value.Data1 << 8 | value.Data2));

    /// <summary>The 'i' value.</summary>
    public int AsInt32 => Tag == 'i' ? (int)_integer : throw Wrong("i");
    /// <summary>The 'f' value.</summary>
    public float AsFloat32 => Tag == 'f' ? (float)_real : throw Wrong("f");
    /// <summary>The 's' value.</summary>
    public string AsString => Tag == 's' ? (string)_reference! : throw Wrong("s");
    /// <summary>The 'b' bytes.</summary>
    public byte[] AsBlob => Tag == 'b' ? (byte[])_reference! : throw Wrong("b");
    /// <summary>The 'h' value.</summary>
    public long AsInt64 => Tag == 'h' ? _integer : throw Wrong("h");
    /// <summary>The 'd' value.</summary>
    public double AsFloat64 => Tag == 'd' ? _real : throw Wrong("d");
    /// <summary>The 't' value.</summary>
    public OscTimeTag AsTimeTag => Tag == 't' ? new OscTimeTag((ulong)_integer) : throw Wrong("t");
    /// <summary>The 'T'/'F' value.</summary>
    public bool AsBoolean => Tag is 'T' or 'F' ? Tag == 'T' : throw Wrong("T or F");
    /// <summary>The 'c' value.</summary>
    public char AsChar => Tag == 'c' ? (char)_integer : throw Wrong("c");
    /// <summary>The 'r' value.</summary>
    public uint AsRgba => Tag == 'r' ? (uint)_integer : throw Wrong("r");
    /// <summary>The 'm' value.</summary>
    public OscMidi AsMidi => Tag == 'm'
        ? new OscMidi((byte)(_integer >> 24), (byte)(_integer >> 16), (byte)(_integer >> 8), (byte)_integer)
        : throw Wrong("m");

    /// <summary>
    /// Any numeric argument (i h f d) as a double, and T/F as 1/0: the tolerant reading control addresses use
    /// (surfaces send faders as i, f or d); null when the argument is not numeric.
    /// </summary>
    public double? AsNumber => Tag switch
    {
        'i' or 'h' => _integer,
        'f' or 'd' => _real,
        'T' => 1.0,
        'F' => 0.0,
        _ => null,
    };

    internal long RawInteger => _integer;
    internal double RawReal => _real;
    internal object? RawReference => _reference;

    private InvalidOperationException Wrong(string wanted) =>
        new($"OSC argument has type '{Tag}', not '{wanted}'");

    /// <summary>Bitwise equality (floats compared by bits, blobs by content).</summary>
    public bool Equals(OscArgument other) =>
        Tag == other.Tag && _integer == other._integer
        && BitConverter.DoubleToInt64Bits(_real) == BitConverter.DoubleToInt64Bits(other._real)
        && _reference switch
        {
            null => other._reference is null,
            string s => other._reference is string o && s == o,
            byte[] b => other._reference is byte[] o && b.AsSpan().SequenceEqual(o),
            _ => false,
        };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OscArgument a && Equals(a);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Tag, _integer, _real, _reference is string s ? s.GetHashCode() : 0);

    /// <summary>The argument as liblo's oscdump prints it (type tag then value), for logs and diagnostics.</summary>
    public override string ToString() => Tag switch
    {
        'i' or 'h' => $"{Tag}:{_integer}",
        'f' or 'd' => $"{Tag}:{_real.ToString("R", CultureInfo.InvariantCulture)}",
        's' => $"s:\"{_reference}\"",
        'b' => $"b:[{((byte[])_reference!).Length} bytes]",
        't' => $"t:{AsTimeTag}",
        'c' => $"c:'{(char)_integer}'",
        'r' => $"r:{(uint)_integer:x8}",
        'm' => $"m:{(uint)_integer:x8}",
        _ => Tag.ToString(),
    };
}
