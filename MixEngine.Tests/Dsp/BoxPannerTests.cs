using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Tests.Dsp;

public class BoxPannerTests
{
    public static TheoryData<string> Layouts()
    {
        var data = new TheoryData<string>();
        foreach (var l in ChannelLayout.All) data.Add(l.Name);
        return data;
    }

    private static ChannelLayout Layout(string name) => ChannelLayout.All.Single(l => l.Name == name);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Power_is_constant_on_a_grid_of_positions_for_every_layout(string name)
    {
        var layout = Layout(name);
        var gains = new double[layout.ChannelCount];
        for (double x = -1.25; x <= 1.25; x += 0.125)
        for (double y = -1.25; y <= 1.25; y += 0.125)
        for (double z = -0.25; z <= 1.25; z += 0.125)
        {
            BoxPanner.PointGains(layout, x, y, z, gains);
            double power = gains.Sum(g => g * g);
            // 1e-12: sum of squared sin/cos products, a few roundings in double.
            Assert.True(Math.Abs(power - 1.0) < 1e-12, $"{name} at ({x}, {y}, {z}): power {power}");
            Assert.All(gains, g => Assert.True(g >= 0.0));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_source_on_a_speaker_feeds_exactly_that_speaker_at_unity(string name)
    {
        var layout = Layout(name);
        var gains = new double[layout.ChannelCount];
        for (int s = 0; s < layout.ChannelCount; s++)
        {
            var sp = layout.Speakers[s];
            if (sp.IsLfe) continue;
            BoxPanner.PointGains(layout, sp.X, sp.Y, sp.Z, gains);
            for (int c = 0; c < gains.Length; c++)
                Assert.Equal(c == s ? 1.0 : 0.0, gains[c]); // exact: unity null depends on it
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_LFE_never_receives_a_pan_share_only_its_send(string name)
    {
        var layout = Layout(name);
        if (layout.LfeIndex < 0) return;
        var silentLfe = BoxPanner.SourceMatrix(ChannelLayout.Mono, layout, new Pan(0, 1, 0, 1, double.NegativeInfinity));
        Assert.Equal(0.0, silentLfe[layout.LfeIndex][0]);
        var stereo = BoxPanner.SourceMatrix(ChannelLayout.Stereo, layout, new Pan(0.3, -0.2, 0.5, 0.4, -10));
        // 1e-15: one Math.Pow rounding.
        Assert.Equal(Decibels.ToGain(-10), stereo[layout.LfeIndex][0], 1e-15);
        Assert.Equal(Decibels.ToGain(-10), stereo[layout.LfeIndex][1], 1e-15);
    }

    [Fact]
    public void Mono_into_a_mono_bus_is_unity_into_the_centre_wherever_it_is_panned()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Mono, new Pan(-0.7, 0.2, 0.3, 1, double.NegativeInfinity));
        Assert.Equal(1.0, m[0][0]); // exact
    }

    [Fact]
    public void Stereo_into_stereo_at_default_pan_is_the_identity()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Stereo, Pan.Default);
        Assert.Equal([1.0, 0.0], m[0]); // exact
        Assert.Equal([0.0, 1.0], m[1]);
    }

    [Fact]
    public void Centre_mono_into_stereo_is_minus_three_dB_each_side()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Stereo, Pan.Default);
        // 1e-15: cos/sin of π/4 in double.
        Assert.Equal(Math.Sqrt(0.5), m[0][0], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), m[1][0], 1e-15);
    }

    [Fact]
    public void Halfway_between_front_and_side_rows_splits_power_evenly_in_7_1_2()
    {
        var layout = ChannelLayout.Atmos712;
        var gains = new double[layout.ChannelCount];
        BoxPanner.PointGains(layout, -1, 0.5, 0, gains);
        // 1e-15: cos/sin of π/4.
        Assert.Equal(Math.Sqrt(0.5), gains[layout.IndexOf("L")], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), gains[layout.IndexOf("Lss")], 1e-15);
        BoxPanner.PointGains(layout, 1, 0, 1, gains);
        Assert.Equal(1.0, gains[layout.IndexOf("Rts")]); // exact: on the speaker
    }

    [Fact]
    public void Stereo_width_places_the_two_channels_either_side_of_the_position()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Lcr, new Pan(0, 1, 0, 0.5, double.NegativeInfinity));
        var lcr = ChannelLayout.Lcr;
        // left channel at x = −0.5: halfway between L and C; 1e-15 for cos/sin of π/4.
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("L")][0], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("C")][0], 1e-15);
        Assert.Equal(0.0, m[lcr.IndexOf("R")][0]);
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("R")][1], 1e-15);
    }
}
