using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscWriterTests
{
    [Theory]
    [InlineData("/strip/fader", -1)]
    [InlineData("/strip/fader", 3)]
    [InlineData("/a", 12)]
    [InlineData("/abc", -1)]
    public void Writes_the_same_bytes_as_the_codec(string address, int suffix)
    {
        var buffer = new byte[256];
        var w = new OscWriter(buffer, address, "ifsh", suffix);
        w.Int32(7);
        w.Float32(0.25f);
        w.String("DX 1");
        w.Int64(-5);

        var expected = OscCodec.Encode(new OscMessage(suffix >= 0 ? $"{address}/{suffix}" : address,
            OscArgument.Int32(7), OscArgument.Float32(0.25f), OscArgument.String("DX 1"), OscArgument.Int64(-5)));
        Assert.Equal(expected, buffer[..w.Length]);
    }

    [Fact]
    public void Writing_allocates_nothing()
    {
        var buffer = new byte[256];
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 100; i++) Write(buffer);
        });
        Assert.Equal(0, bytes);

        static void Write(byte[] buffer)
        {
            var w = new OscWriter(buffer, "/strip/meter", "f", 5);
            w.Float32(-12.5f);
        }
    }
}
