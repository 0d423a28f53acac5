using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Tests.Session;

public sealed class ChannelConversionTests
{
    // −3 dB written as a literal so the expectation does not reuse the production constant.
    private const double H = 0.70710678118654752;

    // Products of up to three √½ factors differ from the decimal value by a few ulps; 1e-15 is far below any audible
    // difference yet catches any wrong coefficient or routing.
    private const double Tolerance = 1e-15;

    public static TheoryData<string> AllLayouts => new(ChannelLayout.All.Select(l => l.Name));

    [Theory]
    [MemberData(nameof(AllLayouts))]
    public void Same_layout_is_the_exact_identity(string name)
    {
        ChannelLayout.TryParse(name, out var layout);
        Assert.True(ChannelConversion.TryCreate(layout, layout, out var m));
        for (int d = 0; d < layout.ChannelCount; d++)
            for (int s = 0; s < layout.ChannelCount; s++)
                Assert.Equal(d == s ? 1.0 : 0.0, m[d][s]); // exact: identity must null
    }

    [Fact]
    public void Five_one_folds_to_stereo_per_BS_775_with_the_LFE_dropped()
    {
        AssertMatrix(ChannelLayout.Surround51, ChannelLayout.Stereo,
            ("L", "L", 1), ("L", "C", H), ("L", "Ls", H),
            ("R", "R", 1), ("R", "C", H), ("R", "Rs", H));
    }

    [Fact]
    public void Seven_one_folds_side_and_rear_each_into_the_five_one_surround_at_minus_3_dB()
    {
        AssertMatrix(ChannelLayout.Surround71, ChannelLayout.Surround51,
            ("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1),
            ("Ls", "Lss", H), ("Ls", "Lsr", H), ("Rs", "Rss", H), ("Rs", "Rsr", H));
    }

    [Fact]
    public void Five_one_surrounds_up_mix_to_the_seven_one_sides()
    {
        AssertMatrix(ChannelLayout.Surround51, ChannelLayout.Surround71,
            ("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1), ("Lss", "Ls", 1), ("Rss", "Rs", 1));
    }

    [Fact]
    public void Five_one_up_mixes_to_9_1_6_sides_leaving_wides_rears_and_heights_silent()
    {
        AssertMatrix(ChannelLayout.Surround51, ChannelLayout.Atmos916,
            ("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1), ("Lss", "Ls", 1), ("Rss", "Rs", 1));
    }

    [Theory]
    [InlineData("5.1")]
    [InlineData("7.1")]
    [InlineData("7.1.2")]
    [InlineData("7.1.4")]
    [InlineData("9.1.6")]
    public void LCR_feeds_L_R_and_C_of_any_layout_that_has_them(string to)
    {
        ChannelLayout.TryParse(to, out var layout);
        AssertMatrix(ChannelLayout.Lcr, layout, ("L", "L", 1), ("R", "R", 1), ("C", "C", 1));
    }

    [Fact]
    public void LCR_folds_its_centre_into_stereo_at_minus_3_dB()
    {
        AssertMatrix(ChannelLayout.Lcr, ChannelLayout.Stereo, ("L", "L", 1), ("L", "C", H), ("R", "R", 1), ("R", "C", H));
    }

    [Theory]
    [InlineData("7.1.2")]
    [InlineData("7.1.4")]
    [InlineData("9.1.6")]
    public void Seven_one_up_mixes_to_height_layouts_by_label(string to)
    {
        ChannelLayout.TryParse(to, out var layout);
        AssertMatrix(ChannelLayout.Surround71, layout,
            ("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1),
            ("Lss", "Lss", 1), ("Rss", "Rss", 1), ("Lsr", "Lsr", 1), ("Rsr", "Rsr", 1));
    }

    [Fact]
    public void Top_surrounds_of_7_1_2_split_to_front_and_rear_tops_of_7_1_4_at_minus_3_dB_each()
    {
        AssertMatrix(ChannelLayout.Atmos712, ChannelLayout.Atmos714,
            [.. Bed71(), ("Ltf", "Lts", H), ("Ltr", "Lts", H), ("Rtf", "Rts", H), ("Rtr", "Rts", H)]);
    }

    [Fact]
    public void Top_surrounds_of_7_1_2_map_to_the_top_middles_of_9_1_6()
    {
        AssertMatrix(ChannelLayout.Atmos712, ChannelLayout.Atmos916, [.. Bed71(), ("Ltm", "Lts", 1), ("Rtm", "Rts", 1)]);
    }

    [Fact]
    public void Seven_one_four_up_mixes_to_9_1_6_by_label()
    {
        AssertMatrix(ChannelLayout.Atmos714, ChannelLayout.Atmos916,
            [.. Bed71(), ("Ltf", "Ltf", 1), ("Rtf", "Rtf", 1), ("Ltr", "Ltr", 1), ("Rtr", "Rtr", 1)]);
    }

    [Fact]
    public void Front_and_rear_tops_of_7_1_4_fold_into_the_7_1_2_top_surrounds_at_minus_3_dB()
    {
        AssertMatrix(ChannelLayout.Atmos714, ChannelLayout.Atmos712,
            [.. Bed71(), ("Lts", "Ltf", H), ("Lts", "Ltr", H), ("Rts", "Rtf", H), ("Rts", "Rtr", H)]);
    }

    [Fact]
    public void Nine_one_six_wides_fold_into_L_R_and_the_sides_and_top_middles_split_to_front_and_rear_tops()
    {
        AssertMatrix(ChannelLayout.Atmos916, ChannelLayout.Atmos714,
            [.. Bed71(), ("Ltf", "Ltf", 1), ("Rtf", "Rtf", 1), ("Ltr", "Ltr", 1), ("Rtr", "Rtr", 1),
             ("L", "Lw", H), ("Lss", "Lw", H), ("R", "Rw", H), ("Rss", "Rw", H),
             ("Ltf", "Ltm", H), ("Ltr", "Ltm", H), ("Rtf", "Rtm", H), ("Rtr", "Rtm", H)]);
    }

    [Fact]
    public void Heights_fold_into_the_ear_level_speaker_below_at_minus_3_dB()
    {
        AssertMatrix(ChannelLayout.Atmos714, ChannelLayout.Surround71,
            [.. Bed71(), ("L", "Ltf", H), ("R", "Rtf", H), ("Lsr", "Ltr", H), ("Rsr", "Rtr", H)]);
        AssertMatrix(ChannelLayout.Atmos712, ChannelLayout.Surround71, [.. Bed71(), ("Lss", "Lts", H), ("Rss", "Rts", H)]);
    }

    [Fact]
    public void Seven_one_two_to_5_1_chains_the_height_fold_and_the_surround_fold()
    {
        AssertMatrix(ChannelLayout.Atmos712, ChannelLayout.Surround51,
            ("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1),
            ("Ls", "Lss", H), ("Ls", "Lsr", H), ("Rs", "Rss", H), ("Rs", "Rsr", H),
            ("Ls", "Lts", 0.5), ("Rs", "Rts", 0.5));
    }

    [Fact]
    public void Nine_one_six_to_stereo_keeps_every_channel_but_the_LFE_on_its_own_side()
    {
        Assert.True(ChannelConversion.TryCreate(ChannelLayout.Atmos916, ChannelLayout.Stereo, out var m));
        var from = ChannelLayout.Atmos916;
        for (int s = 0; s < from.ChannelCount; s++)
        {
            var speaker = from.Speakers[s];
            if (speaker.IsLfe)
            {
                Assert.Equal((0.0, 0.0), (m[0][s], m[1][s]));
                continue;
            }
            // Left-side speakers reach only L, right-side only R, centre both: nothing crosses sides.
            Assert.Equal(speaker.X <= 0, m[0][s] > 0);
            Assert.Equal(speaker.X >= 0, m[1][s] > 0);
        }
    }

    [Fact]
    public void LFE_feeds_only_the_LFE()
    {
        foreach (var from in ChannelLayout.All.Where(l => l.LfeIndex >= 0))
        {
            foreach (var to in ChannelLayout.All)
            {
                if (!ChannelConversion.TryCreate(from, to, out var m)) continue;
                for (int d = 0; d < to.ChannelCount; d++)
                    Assert.Equal(d == to.LfeIndex ? 1.0 : 0.0, m[d][from.LfeIndex]); // exact routing
            }
        }
    }

    [Theory]
    [InlineData("LCR", "mono")]
    [InlineData("5.1", "mono")]
    [InlineData("7.1", "mono")]
    [InlineData("7.1.2", "mono")]
    [InlineData("7.1.4", "mono")]
    [InlineData("9.1.6", "mono")]
    [InlineData("mono", "stereo")]
    [InlineData("stereo", "5.1")]
    [InlineData("stereo", "mono")]
    public void Pairs_without_a_defined_mix_return_false(string from, string to)
    {
        ChannelLayout.TryParse(from, out var f);
        ChannelLayout.TryParse(to, out var t);
        Assert.False(ChannelConversion.TryCreate(f, t, out var m));
        Assert.Empty(m);
    }

    [Fact]
    public void Every_multichannel_source_has_a_mix_into_every_layout_of_two_or_more_channels()
    {
        foreach (var from in ChannelLayout.All.Where(l => l.ChannelCount >= 3))
            foreach (var to in ChannelLayout.All.Where(l => l.ChannelCount >= 2))
            {
                Assert.True(ChannelConversion.TryCreate(from, to, out var m), $"{from} -> {to}");
                Assert.Equal(to.ChannelCount, m.Length);
                Assert.All(m, row => Assert.Equal(from.ChannelCount, row.Length));
            }
    }

    private static (string, string, double)[] Bed71() =>
        [("L", "L", 1), ("R", "R", 1), ("C", "C", 1), ("LFE", "LFE", 1), ("Lss", "Lss", 1), ("Rss", "Rss", 1), ("Lsr", "Lsr", 1), ("Rsr", "Rsr", 1)];

    /// <summary>Asserts the whole matrix: the listed (destination, source, gain) entries, every other entry exactly 0.</summary>
    private static void AssertMatrix(ChannelLayout from, ChannelLayout to, params (string Dest, string Source, double Gain)[] entries)
    {
        Assert.True(ChannelConversion.TryCreate(from, to, out var m), $"{from} -> {to} should be defined");
        var expected = new double[to.ChannelCount, from.ChannelCount];
        foreach (var (dest, source, gain) in entries)
        {
            int d = to.Labels.ToList().IndexOf(dest), s = from.Labels.ToList().IndexOf(source);
            Assert.True(d >= 0 && s >= 0, $"bad expectation {source} -> {dest}");
            expected[d, s] += gain;
        }
        for (int d = 0; d < to.ChannelCount; d++)
            for (int s = 0; s < from.ChannelCount; s++)
                Assert.True(Math.Abs(expected[d, s] - m[d][s]) <= Tolerance,
                    $"{from} -> {to}: {from.Labels[s]} -> {to.Labels[d]} is {m[d][s]}, expected {expected[d, s]}");
    }
}
