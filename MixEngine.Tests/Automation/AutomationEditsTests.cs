using MixEngine.Automation;

namespace MixEngine.Tests.Automation;

public class AutomationEditsTests
{
    private static readonly AutomationCurve Old = new([new(0, -10), new(100_000, -20), new(200_000, -10), new(300_000, -30)]);

    [Fact]
    public void Glide_ramps_from_the_value_at_the_range_start_and_holds_the_end_value_to_the_next_breakpoint()
    {
        var c = AutomationEdits.GlideTo(Old, 50_000, 60_000, 0, fallback: 0);
        Assert.Equal(Old.ValueAt(50_000), c.ValueAt(50_000));
        Assert.Equal(Old.ValueAt(50_000) / 2, c.ValueAt(55_000), 12); // half way to 0 dB, 1e-12 rounding
        Assert.Equal(0.0, c.ValueAt(99_999)); // held up to the next breakpoint
        Assert.Equal(-20.0, c.ValueAt(100_000));
        Assert.Equal(Old.ValueAt(49_999), c.ValueAt(49_999), 12);
    }

    [Fact]
    public void Write_value_replaces_the_range_and_nothing_outside()
    {
        var c = AutomationEdits.WriteValue(Old, 150_000, 250_000, -3, fallback: 0);
        Assert.Equal(-3.0, c.ValueAt(150_000));
        Assert.Equal(-3.0, c.ValueAt(250_000));
        Assert.Equal(Old.ValueAt(149_999), c.ValueAt(149_999), 12); // guard before, rounding of the cut segment only
        Assert.Equal(Old.ValueAt(250_001), c.ValueAt(250_001), 12); // guard after
        Assert.Contains(new AutomationPoint(300_000, -30), c.Points);
        Assert.Contains(new AutomationPoint(100_000, -20), c.Points);
    }

    [Fact]
    public void Trim_range_offsets_every_value_inside_and_keeps_the_outside()
    {
        var c = AutomationEdits.TrimRange(Old, 50_000, 250_000, -2, fallback: 0);
        for (long p = 50_000; p <= 250_000; p += 5_000) Assert.Equal(Old.ValueAt(p) - 2, c.ValueAt(p), 12); // 1e-12 dB rounding
        Assert.Equal(Old.ValueAt(40_000), c.ValueAt(40_000), 12);
        Assert.Equal(Old.ValueAt(260_000), c.ValueAt(260_000), 12);
    }
}
