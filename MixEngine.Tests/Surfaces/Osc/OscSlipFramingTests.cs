using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscSlipFramingTests
{
    internal sealed class CollectingSink : IOscFrameSink
    {
        public List<byte[]> Frames { get; } = [];
        public List<OscFormatException> Faults { get; } = [];
        public void OnFrame(ReadOnlySpan<byte> packet) => Frames.Add(packet.ToArray());
        public void OnMalformed(OscFormatException fault) => Faults.Add(fault);
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Theory]
    [InlineData("01020304", "C0 01020304 C0")]
    [InlineData("C0", "C0 DBDC C0")]
    [InlineData("DB", "C0 DBDD C0")]
    [InlineData("DBDCC0DD", "C0 DBDD DC DBDC DD C0")]
    public void Escapes_END_and_ESC_inside_double_END_frames(string packet, string frame)
    {
        var destination = new byte[OscSlipFraming.GetEncodedLength(Hex(packet))];

        int n = OscSlipFraming.Encode(Hex(packet), destination);

        Assert.Equal(Convert.ToHexString(Hex(frame)), Convert.ToHexString(destination.AsSpan(0, n)));
    }

    [Fact]
    public void Frames_split_at_every_byte_boundary_decode_to_the_sent_packets()
    {
        var packets = new[] { OscCodec.Encode(new OscMessage("/a", OscArgument.Int32(0xC0DB))), OscCodec.Encode(new OscMessage("/b", OscArgument.Blob([0xC0, 0xDB, 0xDC]))) };
        var stream = packets.SelectMany(p =>
        {
            var f = new byte[OscSlipFraming.GetEncodedLength(p)];
            OscSlipFraming.Encode(p, f);
            return f;
        }).ToArray();
        for (int split = 0; split <= stream.Length; split++)
        {
            var sink = new CollectingSink();
            var decoder = new OscSlipFraming();

            decoder.Push(stream.AsSpan(0, split), sink);
            decoder.Push(stream.AsSpan(split), sink);

            Assert.Empty(sink.Faults);
            Assert.Equal(packets, sink.Frames);
        }
    }

    [Fact]
    public void A_bad_escape_drops_that_frame_names_its_stream_offset_and_the_next_frame_survives()
    {
        var sink = new CollectingSink();

        new OscSlipFraming().Push(Hex("C0 2F61 DB41 0000 C0 C0 2F620000 2C000000 C0"), sink);

        var fault = Assert.Single(sink.Faults);
        Assert.Equal(4, fault.ByteOffset);
        Assert.Contains("followed by 0x41", fault.Message);
        Assert.Equal(Hex("2F620000 2C000000"), Assert.Single(sink.Frames));
    }

    [Fact]
    public void An_oversize_frame_is_dropped_once_and_decoding_resumes_at_the_next_END()
    {
        var sink = new CollectingSink();

        new OscSlipFraming(maxPacketBytes: 8).Push(Hex("C0 000102030405060708090A0B C0 2F620000 2C000000 C0"), sink);

        var fault = Assert.Single(sink.Faults);
        Assert.Equal(1, fault.ByteOffset);
        Assert.Contains("8-byte packet limit", fault.Message);
        Assert.Equal(Hex("2F620000 2C000000"), Assert.Single(sink.Frames));
    }

    [Fact]
    public void A_steady_stream_decodes_without_allocating()
    {
        var packet = OscCodec.Encode(new OscMessage("/strip/fader", OscArgument.Int32(1), OscArgument.Float32(0.5f)));
        var frame = new byte[OscSlipFraming.GetEncodedLength(packet)];
        OscSlipFraming.Encode(packet, frame);
        var decoder = new OscSlipFraming();
        var sink = new CountingSink();

        long bytes = SteadyStateAllocation.Bytes(() => { for (int i = 0; i < 100; i++) decoder.Push(frame, sink); });

        Assert.Equal(0, bytes);
        Assert.True(sink.Frames > 0);
    }

    internal sealed class CountingSink : IOscFrameSink
    {
        public int Frames;
        public void OnFrame(ReadOnlySpan<byte> packet) => Frames++;
        public void OnMalformed(OscFormatException fault) => throw fault;
    }
}
