using MixEngine.Server.Cli;
using MixEngine.Session;

namespace MixEngine.Tests.Server;

public sealed class RenderRangeTests
{
    // 48 kHz, 24 fps, starting at 01:00:00:00, 40 s long: one frame is exactly 2000 samples.
    private static MixSession Session(TimecodeRate rate, long? end = 40 * 48000) =>
        new("range test", 48000, rate, new Timecode(1, 0, 0, 0, rate), end, [], [], [], [], Path.GetTempPath());

    [Fact]
    public void Timecode_labels_map_to_samples_from_the_session_start_with_an_exclusive_end()
    {
        Assert.True(RenderRange.TryParse("01:00:10:00-01:00:20:12", Session(TimecodeRate.Fps24), out var range, out _));
        Assert.Equal(10 * 48000, range.Start);
        Assert.Equal(20 * 48000 + 12 * 2000, range.End);
    }

    [Fact]
    public void Sample_numbers_are_taken_as_samples_from_the_session_start()
    {
        Assert.True(RenderRange.TryParse("480000-960000", Session(TimecodeRate.Fps24), out var range, out _));
        Assert.Equal(new RenderRange(480000, 960000), range);
        Assert.Equal(480000, range.Length);
    }

    [Fact]
    public void Drop_frame_labels_use_the_exact_29_97_sample_position()
    {
        var session = Session(TimecodeRate.Fps2997Df);
        Assert.True(RenderRange.TryParse("01:00:00;00-01:00:10;00", session, out var range, out _));
        // 10 s of 29.97 DF labels = 300 frames (no minute boundary crossed) = ceil(300 * 48000 * 1001 / 30000) samples.
        Assert.Equal(0, range.Start);
        Assert.Equal(480480, range.End);
    }

    [Fact]
    public void An_end_not_after_the_start_is_refused_naming_the_option()
    {
        Assert.False(RenderRange.TryParse("01:00:20:00-01:00:10:00", Session(TimecodeRate.Fps24), out _, out string error));
        Assert.StartsWith("--range:", error);
        Assert.Contains("must be after the start", error);
        Assert.False(RenderRange.TryParse("1000-1000", Session(TimecodeRate.Fps24), out _, out _));
    }

    [Fact]
    public void A_range_past_the_session_end_is_refused_with_the_session_end_as_timecode()
    {
        Assert.False(RenderRange.TryParse("01:00:30:00-01:00:41:00", Session(TimecodeRate.Fps24), out _, out string error));
        Assert.Contains("past the session end (01:00:40:00, sample 1920000)", error);
    }

    [Fact]
    public void A_start_before_the_session_start_is_refused()
    {
        Assert.False(RenderRange.TryParse("00:59:59:00-01:00:10:00", Session(TimecodeRate.Fps24), out _, out string error));
        Assert.Contains("before the session start 01:00:00:00", error);
    }

    [Theory]
    [InlineData("01:00:10:00")]
    [InlineData("-01:00:10:00")]
    [InlineData("01:00:10:00-01:00:20:00-01:00:30:00")]
    [InlineData("ten-twenty")]
    public void Malformed_text_is_refused_naming_the_option(string text)
    {
        Assert.False(RenderRange.TryParse(text, Session(TimecodeRate.Fps24), out _, out string error));
        Assert.StartsWith("--range:", error);
    }

    [Fact]
    public void A_frame_number_beyond_the_rate_is_refused_with_the_timecode_reason()
    {
        Assert.False(RenderRange.TryParse("01:00:10:24-01:00:20:00", Session(TimecodeRate.Fps24), out _, out string error));
        Assert.Contains("counts frames 0-23", error);
    }

    [Fact]
    public void Without_an_explicit_end_the_session_ends_with_its_last_clip()
    {
        var clip = new Clip("a.wav", [1], 1000, 0, 500, Fade.None, Fade.None, 0);
        var late = clip with { Position = 4000, Length = 250 };
        var track = new Track("t", "T", "DX", MixEngine.Files.ChannelLayout.Mono, [late, clip], Strip.Default, "pm", []);
        var session = Session(TimecodeRate.Fps24, end: null) with { Tracks = [track] };
        Assert.Equal(new RenderRange(0, 4250), RenderRange.WholeSession(session));
    }
}
