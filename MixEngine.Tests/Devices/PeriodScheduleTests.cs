using MixEngine.Devices;

namespace MixEngine.Tests.Devices;

public class PeriodScheduleTests
{
    [Theory]
    [InlineData(48000, 1, 48000, 1_000_000_000L)] // one second of 1-frame periods
    [InlineData(44100, 128, 1_000_000, 2_902_494_331_065L)] // 128e6 frames at 44.1 kHz = 2902.494331065... s
    [InlineData(48000, 128, 8_100_000, 21_600_000_000_000L)] // six hours of 128-frame periods
    public void Periods_are_due_at_exact_multiples_of_the_period_after_the_base_without_drift(int rate, int block, long periods, long expected)
    {
        var schedule = new PeriodSchedule(rate, block, 5_000);
        for (long n = 0; n < periods; n++) Assert.False(schedule.RtAdvance(5_000));
        // Integer nanoseconds of the exact rational due time, truncated: 0 ns tolerance. A period rounded to whole
        // nanoseconds (2 902 494 ns at 44.1 kHz) would be 331 µs early after 1e6 periods.
        Assert.Equal(5_000 + expected, schedule.Due);
    }

    [Fact]
    public void A_period_finishing_after_the_next_was_due_is_late_once_and_the_schedule_restarts_from_then()
    {
        const long period = 2_666_666; // 128 frames at 48 kHz, truncated to ns
        var schedule = new PeriodSchedule(48000, 128, 0);
        Assert.Equal(0, schedule.Due);
        Assert.False(schedule.RtAdvance(period)); // finishing exactly when the next is due is in time
        Assert.Equal(period, schedule.Due);
        Assert.True(schedule.RtAdvance(2 * period + 10)); // the next was due at 2 × 2 666 666.67 = 5 333 333 ns
        Assert.Equal(2 * period + 10, schedule.Due); // due now: called at once, not back-to-back to catch up
        Assert.False(schedule.RtAdvance(2 * period + 20));
        Assert.Equal(2 * period + 10 + period, schedule.Due); // one period after the restart
    }
}
