using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscMessageReaderTests
{
    [Fact]
    public void Reads_address_tags_and_values_in_place()
    {
        var bytes = OscCodec.Encode(new OscMessage("/strip/fader", OscArgument.Int32(3), OscArgument.Float32(0.75f),
            OscArgument.String("DX 1"), OscArgument.Boolean(true), OscArgument.Float64(-6.0)));

        var reader = new OscMessageReader(bytes);

        Assert.Equal("/strip/fader"u8.ToArray(), reader.Address.ToArray());
        Assert.Equal("ifsTd"u8.ToArray(), reader.TypeTags.ToArray());
        Assert.True(reader.MoveNext());
        Assert.Equal(3, reader.CurrentInt32);
        Assert.True(reader.MoveNext());
        Assert.Equal(0.75f, reader.CurrentFloat32);
        Assert.True(reader.MoveNext());
        Assert.Equal("DX 1"u8.ToArray(), reader.CurrentData.ToArray());
        Assert.True(reader.MoveNext());
        Assert.Equal(1.0, reader.CurrentNumber);
        Assert.True(reader.MoveNext());
        Assert.Equal(-6.0, reader.CurrentNumber);
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void Faults_inside_a_bundle_name_the_offset_in_the_outer_packet()
    {
        var bytes = Convert.FromHexString("2F610000 2C690000".Replace(" ", ""));

        var error = Assert.Throws<OscFormatException>(() =>
        {
            var reader = new OscMessageReader(bytes, baseOffset: 20);
            reader.MoveNext();
        });

        Assert.Equal(28, error.ByteOffset);
    }

    [Fact]
    public void Reading_a_fader_message_allocates_nothing()
    {
        var bytes = OscCodec.Encode(new OscMessage("/strip/fader", OscArgument.Int32(3), OscArgument.Float32(0.75f)));
        double sum = 0;

        long allocated = SteadyStateAllocation.Bytes(() =>
        {
            var reader = new OscMessageReader(bytes);
            while (reader.MoveNext()) sum += reader.CurrentNumber ?? 0;
        });

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }
}
