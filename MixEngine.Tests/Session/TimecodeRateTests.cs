using MixEngine.Session;

namespace MixEngine.Tests.Session;

public sealed class TimecodeRateTests
{
    [Theory]
    [InlineData("23.976", "23.976")]
    [InlineData("23.98", "23.976")]
    [InlineData("24", "24")]
    [InlineData("25", "25")]
    [InlineData("29.97", "29.97NDF")]
    [InlineData("29.97DF", "29.97DF")]
    [InlineData("29.97 df", "29.97DF")]
    [InlineData("29.97_NDF", "29.97NDF")]
    [InlineData("30", "30")]
    [InlineData("48", "48")]
    [InlineData("50", "50")]
    [InlineData("59.94", "59.94NDF")]
    [InlineData("59.94DF", "59.94DF")]
    [InlineData("60", "60")]
    public void Session_file_names_and_their_aliases_find_the_rate(string text, string name)
    {
        Assert.True(TimecodeRate.TryParse(text, out var rate));
        Assert.Equal(name, rate.Name);
    }

    [Theory]
    [InlineData("23.97")]
    [InlineData("23.976DF")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("29,97")]
    public void Unknown_rate_names_are_rejected(string? text)
    {
        Assert.False(TimecodeRate.TryParse(text, out _));
    }

    [Theory]
    [InlineData("23.976", 2002.0)]
    [InlineData("24", 2000.0)]
    [InlineData("25", 1920.0)]
    [InlineData("29.97DF", 1601.6)]
    [InlineData("29.97NDF", 1601.6)]
    [InlineData("30", 1600.0)]
    [InlineData("48", 1000.0)]
    [InlineData("50", 960.0)]
    [InlineData("59.94DF", 800.8)]
    [InlineData("60", 800.0)]
    public void Exact_frame_ratio_gives_the_samples_per_frame_at_48_kHz(string name, double samplesPerFrame)
    {
        Assert.True(TimecodeRate.TryParse(name, out var rate));
        // Exact rational: 48000 × den / num; the decimal literals are exact to 1e-9.
        Assert.Equal(samplesPerFrame, 48_000.0 * rate.Denominator / rate.Numerator, 9);
    }

    [Fact]
    public void Only_drop_frame_rates_drop_labels_two_at_29_97_and_four_at_59_94()
    {
        Assert.Equal(
            [("29.97DF", 2), ("59.94DF", 4)],
            TimecodeRate.All.Where(r => r.DroppedPerMinute > 0).Select(r => (r.Name, r.DroppedPerMinute)));
        Assert.Equal(11, TimecodeRate.All.Count);
    }
}
