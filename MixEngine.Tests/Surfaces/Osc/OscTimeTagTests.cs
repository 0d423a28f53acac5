using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscTimeTagTests
{
    [Fact]
    public void The_Unix_epoch_is_2208988800_NTP_seconds()
    {
        // RFC 5905 figure 4: 1970-01-01 is NTP era 0 second 2,208,988,800.
        var tag = OscTimeTag.FromDateTime(DateTime.UnixEpoch);

        Assert.Equal(2_208_988_800u, tag.Seconds);
        Assert.Equal(0u, tag.Fraction);
        Assert.Equal(DateTime.UnixEpoch, tag.ToDateTime());
    }

    [Fact]
    public void Half_a_second_is_fraction_0x80000000_and_round_trips_to_the_tick()
    {
        var instant = new DateTime(2026, 11, 24, 13, 0, 0, 500, DateTimeKind.Utc).AddTicks(1234);

        var tag = OscTimeTag.FromDateTime(instant);

        Assert.Equal(0x80000000u + (uint)((1234UL << 32) / 10_000_000), tag.Fraction);
        // Tolerance one 100 ns tick: 2^-32 s steps round down in both directions.
        Assert.InRange((instant - tag.ToDateTime()).Ticks, 0, 1);
    }

    [Fact]
    public void The_raw_value_1_means_immediately()
    {
        Assert.True(new OscTimeTag(1).IsImmediately);
        Assert.False(new OscTimeTag(0).IsImmediately);
        Assert.Equal("immediately", OscTimeTag.Immediately.ToString());
    }

    [Fact]
    public void Local_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => OscTimeTag.FromDateTime(DateTime.Now));
    }
}
