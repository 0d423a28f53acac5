using MixEngine.Offline;
using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class RenderProgressDisplayTests
{
    private static RenderProgress At(double fraction) =>
        new(fraction, (long)(fraction * 480000), 480000, 20.0, TimeSpan.FromSeconds(fraction * 0.5));

    [Fact]
    public void Plain_progress_prints_one_line_each_time_another_tenth_is_done()
    {
        var output = new StringWriter();
        int result = RenderProgressDisplay.Run(Terminal.Plain(output, new StringWriter()), new RenderRange(0, 480000), progress =>
        {
            foreach (double f in new[] { 0.0, 0.05, 0.12, 0.19, 0.2, 0.55, 0.99, 1.0 }) progress.Report(At(f));
            return 7;
        });
        Assert.Equal(7, result);
        var percents = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..12]).ToArray();
        Assert.Equal(["render:  10%", "render:  20%", "render:  50%", "render:  90%", "render: 100%"], percents);
    }

    [Fact]
    public void A_plain_line_states_speed_elapsed_and_remaining_time()
    {
        // Half done after 2 s: another 2 s remain at the same speed.
        var progress = new RenderProgress(0.5, 240000, 480000, 2.5, TimeSpan.FromSeconds(2));
        Assert.Equal("render:  50%     2.5x real time  elapsed 2.0 s  remaining 2.0 s", RenderProgressDisplay.PlainLine(50, progress));
    }

    [Fact]
    public void Remaining_time_is_zero_before_any_progress()
    {
        Assert.Equal(0, RenderProgressDisplay.RemainingSeconds(new RenderProgress(0, 0, 480000, 0, TimeSpan.FromSeconds(1))));
    }
}
