using static MixEngine.Tests.Automation.RecorderFixture;

namespace MixEngine.Tests.Automation;

/// <summary>
/// What a pass reports as not written stays bounded: `mixengine serve` runs one pass for as long as it plays, and a
/// control moved in Off or Read mode all through it used to add one reason per move, all kept until the pass ended
/// (docs/realtime.md, GC).
/// </summary>
public class AutomationRecorderNotWrittenTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("read")]
    public void A_control_moved_all_through_a_pass_that_does_not_write_it_is_reported_once(string mode)
    {
        var session = Fixture(FlatFader());
        var moves = Enumerable.Range(0, 5_000).Select(i => Value(1_000 + 10L * i, -10 + i % 7)).ToArray();
        var (recorder, result) = Run(session, mode, 0, 100_000, moves);
        string reason = Assert.Single(result.NotWritten);
        Assert.Contains("'track/a/fader'", reason);
        Assert.Empty(result.Written);
        Assert.Equal(-10.0, Curve(recorder).ValueAt(30_000)); // the lane as it was
    }

    [Fact]
    public void Distinct_refusals_are_each_reported_and_a_repeated_one_once()
    {
        var session = Fixture(FlatFader());
        var (_, result) = Run(session, "latch", 0, 100_000,
            Value(40_000, -3), Value(30_000, -20), Value(30_000, -20), Value(20_000, -20));
        Assert.Equal(2, result.NotWritten.Count);
        Assert.Contains("at sample 30000 is before sample 40000", result.NotWritten[0]);
        Assert.Contains("at sample 20000 is before sample 40000", result.NotWritten[1]);
    }
}
