using MixEngine.Automation;
using MixEngine.Dsp;

namespace MixEngine.Tests.Automation;

public class RtLaneCursorGainTests
{
    private const double Max = 12;

    private static RtLaneCursor Cursor(AutomationCurve main, AutomationCurve? trim = null, double minimum = double.NegativeInfinity) =>
        new(new AutomationLane("track/a/fader", main, trim ?? AutomationCurve.Empty), minimum, Max);

    // The exact formula: the lane's value (main + trim, clamped) through 10^(dB/20), with Math.Cos and Math.Pow per sample.
    private static double Exact(AutomationCurve main, AutomationCurve trim, long p, double minimum = double.NegativeInfinity)
    {
        double t = trim.ValueAt(p);
        if (main.IsEmpty) return Decibels.ToGain(t);
        double v = main.ValueAt(p) + t;
        return Decibels.ToGain(Math.Clamp(v, minimum, Max));
    }

    private static double[] Fill(RtLaneCursor cursor, long from, int length, int blockSize)
    {
        var gains = new double[length];
        for (int i = 0; i < length; i += blockSize) cursor.RtFillGain(from + i, gains.AsSpan(i, Math.Min(blockSize, length - i)));
        return gains;
    }

    private static double WorstRelative(double[] gains, Func<long, double> exact, long from)
    {
        double worst = 0;
        for (int i = 0; i < gains.Length; i++)
        {
            double e = exact(from + i);
            double error = e == 0 ? Math.Abs(gains[i]) : Math.Abs(gains[i] - e) / e;
            worst = Math.Max(worst, error);
        }
        return worst;
    }

    public static TheoryData<double, double, long> SCurves => new()
    {
        { -20, 0, 10_000 },
        { -144, 12, 48_000 },
        { 12, -60, 480 },
        { -3, -2.5, 96_001 },
    };

    [Theory]
    [MemberData(nameof(SCurves))]
    public void An_s_curve_segment_fills_the_exact_gain_at_every_sample_within_2e_14_relative(double from, double to, long length)
    {
        var main = new AutomationCurve([new(1_000, from, SegmentShape.SCurve), new(1_000 + length, to)]);
        var gains = Fill(Cursor(main), 0, (int)length + 3_000, 128);
        double worst = WorstRelative(gains, p => Exact(main, AutomationCurve.Empty, p), 0);
        // 2e-14: the cosine rotated from an exact value at the cell start is within a few 1e-16 of Math.Cos, times the
        // segment's swing in nepers (156 dB × ln10/20 = 18 at most here), plus e^x against Math.Pow (a few ulps).
        Assert.True(worst <= 2e-14, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void S_curves_of_every_length_fill_the_exact_gain_within_2e_14_relative_on_both_exponential_paths()
    {
        // Cells whose dB values stay within 2⁻⁶ neper of their first take e^x by its series from one exact gain per cell,
        // the others Vector256.Exp (docs/automation.md): slow and steep S-curves, segments shorter than a cell, one
        // ending on a cell boundary, starting off the grid; each against Decibels.ToGain of the lane's exact value.
        long[] lengths = [1, 2, 3, 5, 17, 63, 64, 65, 100, 480, 1_023, 4_800, 10_000, 48_000, 240_000];
        (double From, double To)[] swings = [(-8, -16), (-14, -8), (-144, 12), (12, -60), (-3, -2.5), (0, 0.1)];
        foreach (long length in lengths)
            foreach (var (from, to) in swings)
            {
                var main = new AutomationCurve([new(997, from, SegmentShape.SCurve), new(997 + length, to)]);
                var gains = Fill(Cursor(main), 0, (int)length + 2_000, 128);
                double worst = WorstRelative(gains, p => Exact(main, AutomationCurve.Empty, p), 0);
                Assert.True(worst <= 2e-14, $"{from} → {to} dB in {length}: worst relative error {worst:E3}");
            }
    }

    [Fact]
    public void Slow_s_curves_with_trim_and_clamping_are_bit_identical_for_any_split_and_within_2e_14()
    {
        // Every cell here takes the series path (slow moves, a trim ride, a stretch held at the maximum by the clamp).
        var main = new AutomationCurve([new(0, -8, SegmentShape.SCurve), new(6_000, -9, SegmentShape.SCurve), new(9_000, 14, SegmentShape.SCurve), new(300_000, 10)]);
        var trim = new AutomationCurve([new(1_500, 0, SegmentShape.SCurve), new(7_000, -0.7), new(8_000, -1)]);
        AssertAnySplitGivesTheBitsOfOneFill(() => Cursor(main, trim, -60), seed: 31);
        var gains = Fill(Cursor(main, trim, -60), 0, 12_000, 128);
        double worst = WorstRelative(gains, p => Exact(main, trim, p, -60), 0);
        Assert.True(worst <= 2e-14, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Linear_main_and_trim_ramps_fill_the_exact_gain_within_1e_14_relative()
    {
        var main = new AutomationCurve([new(0, -30), new(5_000, 6), new(9_000, -10, SegmentShape.SCurve), new(12_000, -4)]);
        var trim = new AutomationCurve([new(700, -6), new(8_000, 3)]);
        var gains = Fill(Cursor(main, trim), 0, 14_000, 100);
        double worst = WorstRelative(gains, p => Exact(main, trim, p), 0);
        Assert.True(worst <= 1e-14, $"worst relative error {worst:E3}"); // 1e-14: exact t, e^x within a few ulps of Math.Pow
    }

    [Fact]
    public void A_ramp_past_the_range_is_clamped_at_its_maximum_and_minimum()
    {
        var main = new AutomationCurve([new(0, -40), new(4_000, 30), new(6_000, -80, SegmentShape.SCurve), new(9_000, -50)]);
        var gains = Fill(Cursor(main, minimum: -60), 0, 10_000, 64);
        double worst = WorstRelative(gains, p => Exact(main, AutomationCurve.Empty, p, -60), 0);
        Assert.True(worst <= 1e-14, $"worst relative error {worst:E3}"); // 1e-14: as the ramp test; clamped values are e^x of the bound
        Assert.Equal(Decibels.ToGain(Max), gains[3_500], 14); // well past +12 dB: the maximum (1e-14: e^x against Math.Pow)
        Assert.Equal(Decibels.ToGain(-60), gains[7_500], 14);
    }

    [Fact]
    public void A_segment_to_minus_infinity_fades_linearly_in_gain_and_reaches_silence()
    {
        var main = new AutomationCurve([new(0, -6, SegmentShape.SCurve), new(3_000, double.NegativeInfinity), new(5_000, 0), new(8_000, -12)]);
        var gains = Fill(Cursor(main), 0, 9_000, 128);
        double worst = 0;
        for (int p = 0; p < 5_000; p++) worst = Math.Max(worst, Math.Abs(gains[p] - Exact(main, AutomationCurve.Empty, p)));
        // 4e-16 absolute (−308 dB against the louder end's gain of at most 1): both evaluations lose relative precision as
        // the gain falls towards 0 (1 ± cos near the end of the S-curve; the exact formula also rounds through dB), so
        // relative error is not meaningful there.
        Assert.True(worst <= 4e-16, $"worst absolute error {worst:E3}");
        Assert.Equal(0.0, gains[3_000]); // exact: −∞ dB is silence
        Assert.Equal(Decibels.ToGain(-6) * 0.5, gains[1_500], 15); // half way in gain on the S-curve (1e-15: gain arithmetic)
        double dbSegment = WorstRelative(gains[5_000..], p => Exact(main, AutomationCurve.Empty, p), 5_000);
        Assert.True(dbSegment <= 1e-14, $"worst relative error after the fade {dbSegment:E3}"); // 1e-14: as the ramp test
    }

    [Fact]
    public void Gains_are_bit_identical_for_any_split_of_the_span()
    {
        var main = new AutomationCurve([new(0, -30), new(3_000, 6, SegmentShape.SCurve), new(8_000, double.NegativeInfinity), new(9_500, -3, SegmentShape.SCurve), new(11_000, 20)]);
        var trim = new AutomationCurve([new(2_000, 0, SegmentShape.SCurve), new(9_000, -4)]);
        AssertAnySplitGivesTheBitsOfOneFill(() => Cursor(main, trim), seed: 5);
    }

    [Fact]
    public void Db_linear_gains_are_bit_identical_for_any_split_of_the_span()
    {
        // The power path alone (main curve, no trim, inside the range): runs that start inside a cell and inside a
        // chain group replay the group's chain from the cell's anchor, so any split gives the same bits.
        var main = new AutomationCurve([new(0, -40), new(2_400, -10), new(4_800, 6), new(5_003, 0), new(9_999, -70), new(10_500, -70)]);
        AssertAnySplitGivesTheBitsOfOneFill(() => Cursor(main), seed: 7);
    }

    [Fact]
    public void Db_linear_runs_that_continue_the_chains_of_the_run_before_them_give_the_bits_of_one_fill()
    {
        // Runs of whole chain groups (as the realtime engine's 128-sample blocks are) end inside a 1024-sample cell at a
        // group's end, so the next run continues the chains the last one left instead of taking the cell's anchor
        // again; after every round the cursor jumps back to a cell it has played (the kept chains belong to another
        // sample then and must not be continued), and one round starts off the group grid.
        var main = new AutomationCurve([new(0, -40), new(2_400, -10), new(4_800, 6), new(5_003, 0), new(9_999, -70), new(10_500, -70)]);
        var reference = Fill(Cursor(main), 0, 12_000, 12_000);
        var random = new Random(13);
        var cursor = Cursor(main);
        foreach (int start in new[] { 0, 1_024, 5_008, 3 })
        {
            var split = new double[12_000 - start];
            for (int i = 0; i < split.Length;)
            {
                int n = Math.Min(16 * random.Next(1, 20), split.Length - i);
                cursor.RtFillGain(start + i, split.AsSpan(i, n));
                i += n;
            }
            for (int i = 0; i < split.Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference[start + i]), BitConverter.DoubleToInt64Bits(split[i])); // exact bits
        }
    }

    [Fact]
    public void A_lane_of_many_short_segments_fills_the_bits_of_one_fill_in_any_split_and_the_exact_gain()
    {
        // 60 breakpoints 150–250 samples apart (dB-linear, steps, S-curves, equal ends): every 1024-sample power-path
        // cell is cut by breakpoints, so runs anchor at breakpoints and cell starts alike; every split gives the bits of
        // one fill, and the dB-linear stretches stay within the documented bound (the other shapes within 2e-14).
        var random = new Random(23);
        var points = new List<AutomationPoint>();
        long position = 100;
        for (int i = 0; i < 60; i++)
        {
            var shape = (i % 7) switch { 3 => SegmentShape.Step, 5 => SegmentShape.SCurve, _ => SegmentShape.Linear };
            points.Add(new AutomationPoint(position, i % 9 == 4 ? points[^1].Value : -30 + random.Next(0, 400) / 10.0, shape));
            position += random.Next(150, 251);
        }
        var main = new AutomationCurve(points);
        AssertAnySplitGivesTheBitsOfOneFill(() => Cursor(main), seed: 29);
        var gains = Fill(Cursor(main), 0, 12_000, 128);
        double worst = WorstRelative(gains, p => Exact(main, AutomationCurve.Empty, p), 0);
        Assert.True(worst <= 240 * Math.Pow(2, -53), $"worst relative error {worst:E3}"); // the power path's bound (docs/automation.md), above the other shapes' 2e-14
    }

    /// <summary>Fills 12 000 samples in one call and, from a fresh cursor, in seeded random runs of 1–299; asserts equal bits.</summary>
    private static void AssertAnySplitGivesTheBitsOfOneFill(Func<RtLaneCursor> cursorOf, int seed)
    {
        var reference = Fill(cursorOf(), 0, 12_000, 12_000);
        var random = new Random(seed);
        var cursor = cursorOf();
        var split = new double[12_000];
        for (int i = 0; i < split.Length;)
        {
            int n = Math.Min(random.Next(1, 300), split.Length - i);
            cursor.RtFillGain(i, split.AsSpan(i, n));
            i += n;
        }
        for (int i = 0; i < split.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference[i]), BitConverter.DoubleToInt64Bits(split[i])); // exact bits
    }

    public static TheoryData<string> ApplyLanes => ["every path", "dB-linear", "trim alone"];

    [Theory]
    [MemberData(nameof(ApplyLanes))]
    public void Applying_the_gains_to_samples_in_any_split_gives_the_bits_of_filling_and_multiplying(string lane)
    {
        // Flat, power-path (including a ramp clamped at the maximum, which leaves the power path per cell), S-curve,
        // −∞ and trim stretches; seeded random runs of 1–299 samples, alternately in place and into another array.
        Func<RtLaneCursor> cursorOf = lane switch
        {
            "every path" => () => Cursor(new AutomationCurve([new(500, -30), new(3_000, 6, SegmentShape.SCurve), new(8_000, double.NegativeInfinity), new(9_500, -3), new(11_000, 20)]), minimum: -90),
            "dB-linear" => () => Cursor(new AutomationCurve([new(0, -40), new(2_400, -10), new(4_800, 6), new(5_003, 0), new(9_999, -70), new(10_500, -70)])),
            _ => () => Cursor(AutomationCurve.Empty, new AutomationCurve([new(100, -24, SegmentShape.SCurve), new(2_100, 20), new(3_000, 14)])),
        };
        var random = new Random(11);
        var samples = new double[12_000];
        for (int i = 0; i < samples.Length; i++) samples[i] = random.NextDouble() * 2 - 1;
        var gains = Fill(cursorOf(), 0, samples.Length, samples.Length);
        var cursor = cursorOf();
        var applied = new double[samples.Length];
        var inPlace = (double[])samples.Clone();
        for (int i = 0, turn = 0; i < samples.Length; turn++)
        {
            int n = Math.Min(random.Next(1, 300), samples.Length - i);
            if (turn % 2 == 0) cursor.RtApplyGain(i, samples.AsSpan(i, n), applied.AsSpan(i, n));
            else
            {
                cursor.RtApplyGain(i, inPlace.AsSpan(i, n), inPlace.AsSpan(i, n));
                inPlace.AsSpan(i, n).CopyTo(applied.AsSpan(i, n));
            }
            i += n;
        }
        for (int i = 0; i < samples.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(samples[i] * gains[i]), BitConverter.DoubleToInt64Bits(applied[i])); // exact bits: one product with the same gain
    }

    [Fact]
    public void A_trim_lane_without_a_main_curve_plays_its_offsets_unclamped()
    {
        var trim = new AutomationCurve([new(100, -24, SegmentShape.SCurve), new(2_100, 20), new(3_000, 14)]);
        var gains = Fill(Cursor(AutomationCurve.Empty, trim), 0, 4_000, 256);
        double worst = WorstRelative(gains, p => Exact(AutomationCurve.Empty, trim, p), 0);
        Assert.True(worst <= 1e-14, $"worst relative error {worst:E3}"); // 1e-14: as the ramp test
        Assert.Equal(Decibels.ToGain(20), gains[2_100], 13); // +20 dB, above the main curve's +12 dB maximum: a trim alone is not clamped (1e-13 absolute on 10)
    }

    [Fact]
    public void Db_linear_ramps_of_the_main_curve_fill_the_exact_gain_within_240_roundings_relative()
    {
        // Long and short dB-linear segments inside the range (the power path: an exact gain every 1024 samples or at the
        // breakpoint, times the segment's ratio powers), a ramp that ends mid-cell and one that ends on a cell boundary.
        var main = new AutomationCurve([new(0, -60), new(100_000, 12), new(100_300, -20), new(100_317, -19.5), new(100_608, 6), new(101_000, 6)]);
        var gains = Fill(Cursor(main), 0, 101_500, 1_000);
        double worst = WorstRelative(gains, p => Exact(main, AutomationCurve.Empty, p), 0);
        Assert.True(worst <= 240 * Math.Pow(2, -53), $"worst relative error {worst:E3}"); // the documented bound: 240 roundings (docs/automation.md; measured 54 here)
    }

    [Fact]
    public void A_flat_lane_at_0_dB_fills_exactly_unity()
    {
        var main = new AutomationCurve([new(0, 0), new(1_000, 0, SegmentShape.SCurve), new(2_000, 0)]);
        Assert.All(Fill(Cursor(main, new AutomationCurve([new(0, 0)])), 0, 3_000, 128), g => Assert.Equal(1.0, g)); // exact: unity is transparent
    }
}
