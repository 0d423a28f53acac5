using MixEngine.Session;

namespace MixEngine.Tests.Session;

public sealed class TimecodeTests
{
    private static Timecode Label(string text, TimecodeRate rate)
    {
        Assert.True(Timecode.TryParse(text, rate, out var tc, out string error), error);
        return tc;
    }

    [Theory]
    [InlineData("23.976", "01:00:00:00", 172_972_800L)] // 86,400 frames × 2002 samples (formats.md §6)
    [InlineData("23.976", "02:00:00:00", 345_945_600L)] // reel 2 offset (formats.md §6 (5))
    [InlineData("24", "01:00:00:00", 172_800_000L)]
    [InlineData("25", "01:00:00:00", 172_800_000L)]
    [InlineData("30", "01:00:00:00", 172_800_000L)]
    [InlineData("60", "01:00:00:00", 172_800_000L)]
    [InlineData("29.97NDF", "01:00:00:00", 172_972_800L)] // 108,000 frames × 1601.6
    [InlineData("29.97DF", "01:00:00;00", 172_799_828L)]  // 107,892 × 1601.6 = 172,799,827.2 → ceil
    [InlineData("59.94DF", "01:00:00;00", 172_799_828L)]  // 215,784 × 800.8 = 172,799,827.2 → ceil
    [InlineData("23.976", "00:00:10:00", 480_480L)]       // ten seconds of TC = 240 frames = 480,480 samples
    public void Samples_since_midnight_at_48_kHz_match_the_worked_numbers(string rate, string label, long expected)
    {
        Assert.True(TimecodeRate.TryParse(rate, out var r));
        Assert.Equal(expected, Label(label, r).ToSamplesSinceMidnight(48_000));
    }

    [Theory]
    [InlineData("00:00:59;29", 1_799L)]
    [InlineData("00:01:00;02", 1_800L)] // ;00 and ;01 do not exist at minute 1
    [InlineData("00:10:00;00", 17_982L)]
    [InlineData("01:00:00;00", 107_892L)]
    [InlineData("23:59:59;29", 2_589_407L)] // one frame short of 24 × 107,892
    public void Drop_frame_frame_count_skips_two_labels_per_minute_except_every_tenth(string label, long frames)
    {
        Assert.Equal(frames, Label(label, TimecodeRate.Fps2997Df).FrameCount);
    }

    [Theory]
    [InlineData("01:01:00;00")]
    [InlineData("01:01:00;01")]
    [InlineData("00:09:00;01")]
    public void Dropped_drop_frame_labels_are_rejected(string label)
    {
        Assert.False(Timecode.TryParse(label, TimecodeRate.Fps2997Df, out _, out string error));
        Assert.Contains("does not exist in 29.97DF timecode", error);
    }

    [Fact]
    public void Labels_at_minutes_divisible_by_ten_keep_frames_0_and_1()
    {
        Assert.Equal(17_982, Label("00:10:00;00", TimecodeRate.Fps2997Df).FrameCount);
        Assert.Equal(17_983, Label("00:10:00;01", TimecodeRate.Fps2997Df).FrameCount);
    }

    [Theory]
    [InlineData("01:00:00:24", "has frame 24, but 23.976 timecode counts frames 0-23")]
    [InlineData("24:00:00:00", "out of range")]
    [InlineData("01:60:00:00", "out of range")]
    [InlineData("01:00:00", "is not a timecode of the form hh:mm:ss:ff")]
    [InlineData("1:0:0:x", "is not a timecode of the form hh:mm:ss:ff")]
    public void Malformed_labels_are_rejected_with_the_reason(string label, string reason)
    {
        Assert.False(Timecode.TryParse(label, TimecodeRate.Fps23976, out _, out string error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Drop_frame_labels_print_with_a_semicolon_and_others_with_a_colon()
    {
        Assert.Equal("01:00:00;00", Label("01:00:00:00", TimecodeRate.Fps2997Df).ToString());
        Assert.Equal("01:00:00:00", Label("01:00:00:00", TimecodeRate.Fps2997Ndf).ToString());
    }

    public static TheoryData<string, int> RatesAndMinutes => new()
    {
        { "23.976", 30 }, { "24", 30 }, { "25", 30 }, { "29.97NDF", 30 }, { "30", 30 }, { "48", 30 }, { "50", 30 },
        { "59.94NDF", 30 }, { "60", 30 }, { "29.97DF", 24 * 60 }, { "59.94DF", 2 * 60 },
    };

    [Theory]
    [MemberData(nameof(RatesAndMinutes))]
    public void Every_frame_round_trips_through_labels_and_samples_as_an_independent_counter_says(string rateName, int minutes)
    {
        Assert.True(TimecodeRate.TryParse(rateName, out var rate));
        const int sampleRate = 48_000;
        var counter = new LabelCounter(rate);
        long frames = (long)minutes * 60 * rate.Numerator / rate.Denominator;
        for (long n = 0; n < frames; n++, counter.Advance())
        {
            var label = Timecode.FromFrameCount(n, rate);
            if (label.Hours != counter.H || label.Minutes != counter.M || label.Seconds != counter.S || label.Frames != counter.F)
                Assert.Fail($"{rate}: frame {n} is {label}, the counter says {counter}");
            if (label.FrameCount != n) Assert.Fail($"{rate}: {label} counts {label.FrameCount} frames, expected {n}");
            long first = label.ToSamplesSinceMidnight(sampleRate);
            // Independent: exact decimal arithmetic, rounded up to the next whole sample.
            long expected = (long)Math.Ceiling((decimal)n * sampleRate * rate.Denominator / rate.Numerator);
            if (first != expected) Assert.Fail($"{rate}: {label} starts at sample {first}, expected {expected}");
            if (n % 97 == 0)
            {
                Assert.Equal(label, Timecode.FromSamplesSinceMidnight(first, sampleRate, rate));
                long next = (long)Math.Ceiling((decimal)(n + 1) * sampleRate * rate.Denominator / rate.Numerator);
                Assert.Equal(label, Timecode.FromSamplesSinceMidnight(next - 1, sampleRate, rate));
            }
        }
    }

    /// <summary>A timecode generator that counts labels the way a reader's display does: frame by frame with carries, skipping dropped labels.</summary>
    private sealed class LabelCounter(TimecodeRate rate)
    {
        public int H, M, S, F;

        public void Advance()
        {
            F++;
            if (F == rate.NominalFps) { F = 0; S++; }
            if (S == 60) { S = 0; M++; }
            if (M == 60) { M = 0; H++; }
            bool dropped = rate.DropFrame && S == 0 && M % 10 != 0 && F < (rate.NominalFps == 30 ? 2 : 4);
            if (dropped) F = rate.NominalFps == 30 ? 2 : 4;
        }

        public override string ToString() => $"{H:00}:{M:00}:{S:00}:{F:00}";
    }
}
