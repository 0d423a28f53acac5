using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Tests.Graph;

public class MixMatrixTests
{
    [Fact]
    public void Same_format_multichannel_is_the_identity()
    {
        var m = MixMatrix.Create(ChannelLayout.Surround71, ChannelLayout.Surround71, Pan.Default, 1.0, "test");
        for (int d = 0; d < 8; d++)
            for (int s = 0; s < 8; s++) Assert.Equal(d == s ? 1.0 : 0.0, m[d][s]); // exact
    }

    [Fact]
    public void Send_level_scales_every_pan_gain()
    {
        var level = Decibels.ToGain(-12);
        var m = MixMatrix.Create(ChannelLayout.Mono, ChannelLayout.Stereo, Pan.Default, level, "test");
        var p = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Stereo, Pan.Default.Controls);
        Assert.Equal(p[0][0] * level, m[0][0]); // exact: one multiply
        Assert.Equal(p[1][0] * level, m[1][0]);
    }

    [Fact]
    public void A_multichannel_source_into_another_format_uses_the_defined_conversion_times_the_level()
    {
        Assert.True(ChannelConversion.TryCreate(ChannelLayout.Surround51, ChannelLayout.Atmos712, out var conversion));
        var m = MixMatrix.Create(ChannelLayout.Surround51, ChannelLayout.Atmos712, Pan.Default, 0.5, "test");
        for (int d = 0; d < m.Length; d++)
            for (int s = 0; s < 6; s++) Assert.Equal(conversion[d][s] * 0.5, m[d][s]); // exact: one multiply
    }

    [Fact]
    public void A_multichannel_source_into_a_mono_bus_is_rejected_naming_the_context()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MixMatrix.Create(ChannelLayout.Surround71, ChannelLayout.Mono, Pan.Default, 1, "$.tracks[3]"));
        Assert.Contains("$.tracks[3]", e.Message);
        Assert.Contains("7.1", e.Message);
    }
}
