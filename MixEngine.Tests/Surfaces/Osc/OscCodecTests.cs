using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscCodecTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    // Expected bytes computed by hand from the OSC 1.0 specification: address "/a" + NUL padded to 4, type tag
    // string padded to 4, big-endian arguments, strings and blobs zero-padded to 4.
    public static TheoryData<string, OscArgument, string> EveryType() => new()
    {
        { "i", OscArgument.Int32(-2), "FFFFFFFE" },
        { "f", OscArgument.Float32(0.5f), "3F000000" },
        { "s", OscArgument.String("abc"), "61626300" },
        { "s", OscArgument.String("abcd"), "61626364 00000000" },
        { "s", OscArgument.String(""), "00000000" },
        { "b", OscArgument.Blob([0xAA, 0xBB, 0xCC]), "00000003 AABBCC00" },
        { "b", OscArgument.Blob([]), "00000000" },
        { "h", OscArgument.Int64(0x0102030405060708), "0102030405060708" },
        { "d", OscArgument.Float64(-1.5), "BFF8000000000000" },
        { "t", OscArgument.TimeTag(new OscTimeTag(0x83AA7E8080000000)), "83AA7E8080000000" },
        { "T", OscArgument.Boolean(true), "" },
        { "F", OscArgument.Boolean(false), "" },
        { "N", OscArgument.Nil, "" },
        { "I", OscArgument.Infinitum, "" },
        { "c", OscArgument.Char('x'), "00000078" },
        { "r", OscArgument.Rgba(0xFF8000C0), "FF8000C0" },
        { "m", OscArgument.Midi(new OscMidi(0, 0x90, 0x3C, 0x7F)), "00903C7F" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_argument_type_encodes_to_the_exact_spec_bytes_and_decodes_back(string tag, OscArgument argument, string data)
    {
        var message = new OscMessage("/a", argument);
        var expected = Hex("2F610000 2C" + Convert.ToHexString([(byte)tag[0]]) + "0000" + data);

        var bytes = OscCodec.Encode(message);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.Equal(message, OscCodec.Decode(bytes));
    }

    [Fact]
    public void A_message_with_all_types_round_trips_bit_for_bit()
    {
        var message = new OscMessage("/mixengine/track/DX 1/fader",
            OscArgument.Int32(int.MinValue), OscArgument.Float32(float.Epsilon), OscArgument.String("Dialog ü"),
            OscArgument.Blob([1, 2, 3, 4, 5]), OscArgument.Int64(long.MaxValue), OscArgument.Float64(Math.PI),
            OscArgument.TimeTag(OscTimeTag.Immediately), OscArgument.Boolean(true), OscArgument.Boolean(false),
            OscArgument.Nil, OscArgument.Infinitum, OscArgument.Char('~'), OscArgument.Rgba(0x01020304),
            OscArgument.Midi(new OscMidi(1, 0xE0, 0x00, 0x40)), OscArgument.Float32(float.NaN));

        var bytes = OscCodec.Encode(message);

        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal(bytes.Length, OscCodec.GetEncodedLength(message));
        Assert.Equal(message, OscCodec.Decode(bytes));
        Assert.Equal(bytes, OscCodec.Encode(OscCodec.Decode(bytes)));
    }

    [Fact]
    public void A_message_without_arguments_has_a_lone_comma_type_tag()
    {
        Assert.Equal(Hex("2F737472 69706C00 2C000000"), OscCodec.Encode(new OscMessage("/stripl")));
    }

    [Fact]
    public void A_bundle_encodes_marker_time_tag_and_size_prefixed_elements()
    {
        var bundle = new OscBundle(new OscTimeTag(0x0000000100000002),
            new OscMessage("/a", OscArgument.Int32(1)),
            new OscBundle(OscTimeTag.Immediately, new OscMessage("/b")));
        var expected = Hex(
            "2362756E646C6500 0000000100000002" +
            "0000000C 2F610000 2C690000 00000001" +
            "0000001C 2362756E646C6500 0000000000000001 00000008 2F620000 2C000000");

        var bytes = OscCodec.Encode(bundle);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.Equal(bundle, OscCodec.Decode(bytes));
    }

    // Each row: packet bytes, the byte offset the error must name, and a fragment of its message.
    public static TheoryData<string, string, int, string> Malformed() => new()
    {
        { "empty", "", 0, "empty packet" },
        { "length not a multiple of 4", "2F610000 2C69", 6, "not a multiple of 4" },
        { "address without '/'", "61000000 2C000000", 0, "must start with '/'" },
        { "address not terminated", "2F616263", 0, "not NUL-terminated" },
        { "non-zero address padding", "2F610001 2C000000", 3, "non-zero padding byte 0x01" },
        { "missing type tag string", "2F610000", 4, "missing type tag string" },
        { "type tags without comma", "2F610000 69000000 00000001", 4, "must start with ','" },
        { "type tags not terminated", "2F610000 2C696969", 4, "not NUL-terminated" },
        { "non-zero type tag padding", "2F610000 2C6900FF 00000001", 7, "non-zero padding byte 0xFF" },
        { "unknown type tag", "2F610000 2C780000", 5, "unknown type tag 'x'" },
        { "unknown tag after a good one", "2F610000 2C695B00 00000001", 6, "unknown type tag '['" },
        { "truncated int32", "2F610000 2C696900 00000001", 12, "needs 4 bytes, 0 remain" },
        { "truncated int64", "2F610000 2C680000 00000001", 8, "needs 8 bytes, 4 remain" },
        { "truncated double", "2F610000 2C646400 0000000000000000 00000000", 16, "needs 8 bytes, 4 remain" },
        { "string runs off the end", "2F610000 2C730000 61626364", 8, "not NUL-terminated" },
        { "non-zero string padding", "2F610000 2C730000 61006200", 10, "non-zero padding byte 0x62" },
        { "string not UTF-8", "2F610000 2C730000 FF000000", 8, "not valid UTF-8" },
        { "blob longer than the packet", "2F610000 2C620000 00000009 01020304", 8, "runs past the end" },
        { "negative blob size", "2F610000 2C620000 FFFFFFFF", 8, "is negative" },
        { "non-zero blob padding", "2F610000 2C620000 00000001 01020000 ", 13, "non-zero padding byte 0x02" },
        { "bytes after the last argument", "2F610000 2C000000 00000000", 8, "4 byte(s) after the last argument" },
        { "non-ASCII char", "2F610000 2C630000 000000FF", 8, "not an ASCII character" },
        { "'#' but not a bundle", "23626164 00000000 00000000 00000000", 0, "must be a bundle" },
        { "bundle too short", "2362756E 646C6500 00000000", 0, "must be a bundle" },
        { "bundle element size not multiple of 4", "2362756E 646C6500 0000000000000001 00000005 2F610000 2C000000", 16, "positive multiple of 4" },
        { "bundle element zero size", "2362756E 646C6500 0000000000000001 00000000", 16, "positive multiple of 4" },
        { "bundle element oversize", "2362756E 646C6500 0000000000000001 00000010 2F610000 2C000000", 16, "runs past the end of the bundle" },
        { "bundle element size truncated", "2362756E 646C6500 0000000000000001 00000008 2F610000 2C000000 0000", 30, "not a multiple of 4" },
        { "fault inside a bundle element", "2362756E 646C6500 0000000000000001 00000008 2F610000 2C780000", 25, "unknown type tag 'x'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_packets_are_refused_with_the_byte_offset_of_the_fault(string why, string hex, int offset, string problem)
    {
        var bytes = Hex(hex);

        var error = Assert.Throws<OscFormatException>(() => OscCodec.Decode(bytes));

        Assert.True(error.ByteOffset == offset, $"{why}: offset {error.ByteOffset}, expected {offset} ({error.Message})");
        Assert.Contains(problem, error.Message);
        Assert.Contains($"byte offset {offset}", error.Message);
    }

    [Fact]
    public void Bundles_nested_beyond_the_depth_limit_are_refused()
    {
        OscPacket packet = new OscMessage("/a");
        for (int i = 0; i < OscCodec.MaxBundleDepth + 1; i++) packet = new OscBundle(OscTimeTag.Immediately, packet);

        var error = Assert.Throws<OscFormatException>(() => OscCodec.Decode(OscCodec.Encode(packet)));

        Assert.Contains("nested deeper", error.Message);
    }

    [Theory]
    [InlineData("a/b", "must start with '/'")]
    [InlineData("/a\0b", "contains a NUL")]
    public void Encoding_refuses_an_address_that_cannot_be_sent(string address, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage(address)));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Encoding_into_a_short_buffer_names_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("/a", OscArgument.Int32(1)), new byte[8]));
        Assert.Contains("needs 12 bytes, the destination holds 8", error.Message);
    }
}
