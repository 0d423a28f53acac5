using MixEngine.Surfaces.Osc;
using static MixEngine.Tests.Surfaces.Osc.OscSlipFramingTests;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscLengthPrefixFramingTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void A_packet_is_preceded_by_its_big_endian_length()
    {
        var destination = new byte[12];

        int n = OscLengthPrefixFraming.Encode(Hex("2F610000 2C000000"), destination);

        Assert.Equal(12, n);
        Assert.Equal(Hex("00000008 2F610000 2C000000"), destination);
    }

    [Fact]
    public void Packets_split_at_every_byte_boundary_decode_in_order()
    {
        var stream = Hex("00000008 2F610000 2C000000 0000000C 2F620000 2C690000 00000007");
        for (int split = 0; split <= stream.Length; split++)
        {
            var sink = new CollectingSink();
            var decoder = new OscLengthPrefixFraming();

            decoder.Push(stream.AsSpan(0, split), sink);
            decoder.Push(stream.AsSpan(split), sink);

            Assert.Empty(sink.Faults);
            Assert.Equal([Hex("2F610000 2C000000"), Hex("2F620000 2C690000 00000007")], sink.Frames);
        }
    }

    [Theory]
    [InlineData("00000008 2F610000 2C000000 00010000", 12, "65536")]
    [InlineData("00000000", 0, "length prefix 0")]
    [InlineData("FFFFFFF8", 0, "length prefix -8")]
    [InlineData("00000006 2F610000 2C00", 0, "length prefix 6")]
    public void A_bad_length_faults_the_stream_once_naming_its_offset(string hex, int offset, string problem)
    {
        var sink = new CollectingSink();
        var decoder = new OscLengthPrefixFraming(maxPacketBytes: 1024);

        decoder.Push(Hex(hex), sink);
        decoder.Push(Hex("00000008 2F610000 2C000000"), sink);

        var fault = Assert.Single(sink.Faults);
        Assert.Equal(offset, fault.ByteOffset);
        Assert.Contains(problem, fault.Message);
        Assert.True(decoder.Faulted);
        Assert.True(sink.Frames.Count <= 1);
    }
}
