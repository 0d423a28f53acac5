using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Session;
using MixEngine.Tests.Support;

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
        var silentLfe = BoxPanner.SourceMatrix(ChannelLayout.Mono, layout, new Pan(0, 1, 0, 1, double.NegativeInfinity).Controls);
        Assert.Equal(0.0, silentLfe[layout.LfeIndex][0]);
        var stereo = BoxPanner.SourceMatrix(ChannelLayout.Stereo, layout, new Pan(0.3, -0.2, 0.5, 0.4, -10).Controls);
        // 1e-15: one Math.Pow rounding.
        Assert.Equal(Decibels.ToGain(-10), stereo[layout.LfeIndex][0], 1e-15);
        Assert.Equal(Decibels.ToGain(-10), stereo[layout.LfeIndex][1], 1e-15);
    }

    [Fact]
    public void Mono_into_a_mono_bus_is_unity_into_the_centre_wherever_it_is_panned()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Mono, new Pan(-0.7, 0.2, 0.3, 1, double.NegativeInfinity).Controls);
        Assert.Equal(1.0, m[0][0]); // exact
    }

    [Fact]
    public void Stereo_into_stereo_at_default_pan_is_the_identity()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Stereo, Pan.Default.Controls);
        Assert.Equal([1.0, 0.0], m[0]); // exact
        Assert.Equal([0.0, 1.0], m[1]);
    }

    [Fact]
    public void Centre_mono_into_stereo_is_minus_three_dB_each_side()
    {
        var m = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Stereo, Pan.Default.Controls);
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
        var m = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Lcr, new Pan(0, 1, 0, 0.5, double.NegativeInfinity).Controls);
        var lcr = ChannelLayout.Lcr;
        // left channel at x = −0.5: halfway between L and C; 1e-15 for cos/sin of π/4.
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("L")][0], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("C")][0], 1e-15);
        Assert.Equal(0.0, m[lcr.IndexOf("R")][0]);
        Assert.Equal(Math.Sqrt(0.5), m[lcr.IndexOf("R")][1], 1e-15);
    }

    /// <summary>Positions on a grid per layout with the speakers that must sound and their gains, derived by hand from the speaker table.</summary>
    public static TheoryData<string, double, double, double, string> GridPositions() => new()
    {
        // t = 0.5 between two neighbours gives cos(π/4) = sin(π/4) = √½ = 0.70710678; two such axes give ½.
        { "mono", -1, 1, 0, "C=1" },
        { "mono", 0.3, -0.5, 0.7, "C=1" },
        { "stereo", -1, 1, 0, "L=1" },
        { "stereo", 0, 1, 0, "L=0.70710678 R=0.70710678" },
        { "stereo", 0.5, -1, 1, "L=0.38268343 R=0.92387953" },
        { "LCR", -0.5, 1, 0, "L=0.70710678 C=0.70710678" },
        { "LCR", 0, 0, 0, "C=1" },
        { "5.1", 0, 0, 0, "C=0.70710678 Ls=0.5 Rs=0.5" },
        { "5.1", -1, 0, 0, "L=0.70710678 Ls=0.70710678" },
        { "5.1", 0.5, -1, 0, "Ls=0.38268343 Rs=0.92387953" },
        { "7.1", -1, 0.5, 0, "L=0.70710678 Lss=0.70710678" },
        { "7.1", -1, -0.5, 0, "Lsr=0.70710678 Lss=0.70710678" },
        { "7.1", 0, -0.5, 0, "Lsr=0.5 Rsr=0.5 Lss=0.5 Rss=0.5" },
        { "7.1.2", -1, 0, 0.5, "Lss=0.70710678 Lts=0.70710678" },
        { "7.1.2", 0, 0, 1, "Lts=0.70710678 Rts=0.70710678" },
        { "7.1.2", 1, 1, 1, "Rts=1" },
        { "7.1.4", -1, 0, 1, "Ltf=0.70710678 Ltr=0.70710678" },
        { "7.1.4", 0, 1, 0.5, "C=0.70710678 Ltf=0.5 Rtf=0.5" },
        { "7.1.4", 1, -1, 0.5, "Rsr=0.70710678 Rtr=0.70710678" },
        { "9.1.6", -1, 0.75, 0, "L=0.70710678 Lw=0.70710678" },
        { "9.1.6", -1, 0.25, 0, "Lw=0.70710678 Lss=0.70710678" },
        { "9.1.6", 0, 0, 1, "Ltm=0.70710678 Rtm=0.70710678" },
        { "9.1.6", 0, -1, 0.5, "Lsr=0.5 Ltr=0.5 Rsr=0.5 Rtr=0.5" },
        { "9.1.6", -0.5, -1, 0, "Lsr=0.92387953 Rsr=0.38268343" },
    };

    [Theory]
    [MemberData(nameof(GridPositions))]
    public void A_position_feeds_exactly_the_speakers_that_bracket_it_with_sin_cos_gains(string name, double x, double y, double z, string expected)
    {
        var layout = Layout(name);
        var gains = new double[layout.ChannelCount];
        BoxPanner.PointGains(layout, x, y, z, gains);
        var want = expected.Split(' ').Select(e => e.Split('=')).ToDictionary(e => e[0], e => double.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture));
        for (int c = 0; c < gains.Length; c++)
        {
            string label = layout.Labels[c];
            // 1e-8: the expected gains are written with 8 decimals.
            Assert.True(Math.Abs(want.GetValueOrDefault(label) - gains[c]) < 1e-8, $"{name} at ({x}, {y}, {z}): {label} = {gains[c]}, expected {want.GetValueOrDefault(label)}");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Power_is_constant_for_mono_and_stereo_sources_with_width_rotation_and_divergence(string name)
    {
        var layout = Layout(name);
        var panner = new BoxPanner(layout);
        var gains = new double[layout.ChannelCount * 2];
        foreach (double divergence in new[] { 0.0, 0.05, 0.3, 1.0 })
        foreach (double rotation in new[] { 0.0, 37.0, -90.0, 180.0 })
        for (double x = -1; x <= 1; x += 0.25)
        for (double y = -1; y <= 1; y += 0.25)
        for (double z = 0; z <= 1; z += 0.25)
        {
            var pan = PanControls.Default with { X = x, Y = y, Z = z, Width = 0.7, RotationDegrees = rotation, Divergence = divergence };
            for (int sources = 1; sources <= 2; sources++)
            {
                panner.RtSourceGains(pan, sources, gains.AsSpan(0, layout.ChannelCount * sources));
                for (int s = 0; s < sources; s++)
                {
                    double power = 0;
                    for (int d = 0; d < layout.ChannelCount; d++)
                    {
                        double g = gains[d * sources + s];
                        Assert.True(g >= 0.0, $"{name}: negative gain {g}");
                        power += g * g;
                    }
                    // 1e-12: sums of squared products of sin/cos (or their exact integrals), a few roundings in double.
                    Assert.True(Math.Abs(power - 1.0) < 1e-12, $"{name} ({x}, {y}, {z}) div {divergence} rot {rotation} channel {s}/{sources}: power {power}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Height_off_keeps_every_source_on_the_ear_level_speakers_whatever_z_and_divergence(string name)
    {
        var layout = Layout(name);
        var panner = new BoxPanner(layout);
        var gains = new double[layout.ChannelCount];
        var expected = new double[layout.ChannelCount];
        foreach (double divergence in new[] { 0.0, 0.5, 1.0 })
        {
            panner.RtSourceGains(PanControls.Default with { X = 0.3, Y = -0.4, Z = 0.8, Divergence = divergence, Height = false }, 1, gains);
            panner.RtSourceGains(PanControls.Default with { X = 0.3, Y = -0.4, Z = 0, Divergence = divergence, Height = false }, 1, expected);
            for (int c = 0; c < gains.Length; c++)
            {
                if (layout.Speakers[c].Z > 0) Assert.Equal(0.0, gains[c]); // exact: excluded
                Assert.Equal(expected[c], gains[c]); // exact: z is ignored, not clamped differently
            }
        }
    }

    [Fact]
    public void Divergence_spreads_a_centred_source_over_every_speaker_and_zero_divergence_is_the_point_source()
    {
        var layout = ChannelLayout.Surround51;
        var panner = new BoxPanner(layout);
        var point = new double[6];
        var spread = new double[6];
        panner.RtSourceGains(PanControls.Default with { X = 0.2, Y = 0.1 }, 1, point);
        panner.RtSourceGains(PanControls.Default with { X = 0.2, Y = 0.1, Divergence = 1e-9 }, 1, spread);
        for (int c = 0; c < 6; c++)
            Assert.True(Math.Abs(point[c] - spread[c]) < 1e-6, $"{layout.Labels[c]}: {spread[c]} vs point {point[c]}"); // 1e-6: continuity as d → 0
        panner.RtSourceGains(PanControls.Default with { X = 0, Y = 0, Divergence = 1 }, 1, spread);
        for (int c = 0; c < 6; c++)
        {
            if (c == layout.LfeIndex) Assert.Equal(0.0, spread[c]);
            else Assert.True(spread[c] > 0.2, $"{layout.Labels[c]} gets {spread[c]} from a room-sized source");
        }
        // Symmetric box around the room centre: left/right mirror exactly in value (1e-15: same arithmetic mirrored).
        Assert.Equal(spread[layout.IndexOf("L")], spread[layout.IndexOf("R")], 1e-15);
        Assert.Equal(spread[layout.IndexOf("Ls")], spread[layout.IndexOf("Rs")], 1e-15);
    }

    [Theory]
    [InlineData(PanLaw.EqualPower, -3.0103)]
    [InlineData(PanLaw.Minus3Db, -3.0)]
    [InlineData(PanLaw.Minus4_5Db, -4.5)]
    [InlineData(PanLaw.Minus6Db, -6.0)]
    public void Pan_law_sets_the_centre_level_into_stereo_and_leaves_hard_pans_at_unity(PanLaw law, double centreDb)
    {
        var panner = new BoxPanner(ChannelLayout.Stereo);
        var gains = new double[2];
        panner.RtSourceGains(PanControls.Default with { Law = law }, 1, gains);
        // 1e-4 dB: the equal-power centre is 20·log10 √½ = −3.0103 dB, given here to four decimals.
        Assert.Equal(centreDb, Decibels.FromGain(gains[0]), 1e-4);
        Assert.Equal(gains[0], gains[1], 1e-15); // cos(π/4) and sin(π/4) differ in the last bit
        panner.RtSourceGains(PanControls.Default with { X = -1, Law = law }, 1, gains);
        Assert.Equal([1.0, 0.0], gains); // exact: a hard pan is unity for every law
    }

    [Fact]
    public void Pan_law_applies_only_to_stereo_destinations()
    {
        var gains = new double[3];
        new BoxPanner(ChannelLayout.Lcr).RtSourceGains(PanControls.Default with { X = -0.5, Law = PanLaw.Minus6Db }, 1, gains);
        // 1e-15: cos/sin of π/4, unchanged by the law.
        Assert.Equal(Math.Sqrt(0.5), gains[ChannelLayout.Lcr.IndexOf("L")], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), gains[ChannelLayout.Lcr.IndexOf("C")], 1e-15);
    }

    [Fact]
    public void Rotation_turns_the_stereo_pair_clockwise_seen_from_above()
    {
        var layout = ChannelLayout.Surround71;
        var panner = new BoxPanner(layout);
        var gains = new double[layout.ChannelCount * 2];
        panner.RtSourceGains(PanControls.Default with { X = 0, Y = 0, Width = 1, RotationDegrees = 90 }, 2, gains);
        // Left channel at (0, +1): the centre speaker; right channel at (0, −1): between the rears. 1e-12 for cos/sin rounding.
        Assert.Equal(1.0, gains[layout.IndexOf("C") * 2], 1e-12);
        Assert.Equal(Math.Sqrt(0.5), gains[layout.IndexOf("Lsr") * 2 + 1], 1e-12);
        Assert.Equal(Math.Sqrt(0.5), gains[layout.IndexOf("Rsr") * 2 + 1], 1e-12);
        var stereo = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Stereo, PanControls.Default with { RotationDegrees = 180 });
        // 1e-12: a half turn swaps the channels (cos π = −1 up to rounding).
        Assert.Equal(1.0, stereo[1][0], 1e-12);
        Assert.Equal(1.0, stereo[0][1], 1e-12);
    }

    [Fact]
    public void Computing_source_gains_allocates_nothing()
    {
        var panner = new BoxPanner(ChannelLayout.Atmos916);
        var gains = new double[32];
        var pan = PanControls.Default with { X = 0.3, Y = -0.2, Z = 0.6, Divergence = 0.4, RotationDegrees = 30, LfeDb = -6 };
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 100; i++) panner.RtSourceGains(pan with { X = i / 100.0 }, 2, gains);
        });
        Assert.Equal(0, bytes);
    }
}
