using System.Globalization;
using MixEngine.Offline;
using Spectre.Console;

namespace MixEngine.Server.Cli;

/// <summary>
/// Shows a render's progress: on an interactive terminal a Spectre.Console bar with percent, speed (× real time) and
/// time remaining; otherwise one plain line per 10 % for logs and pipes. The renderer reports from its driver thread
/// (one report at a time, about ten a second). Started from the CLI's main thread.
/// </summary>
public static class RenderProgressDisplay
{
    /// <summary>Runs <paramref name="render"/> with a progress sink that draws on <paramref name="terminal"/>; returns its result.</summary>
    public static T Run<T>(Terminal terminal, RenderRange range, Func<IProgress<RenderProgress>, T> render)
    {
        if (!terminal.IsInteractive)
            return render(new PlainLines(terminal.Output));

        return terminal.Ansi.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("Rendering", maxValue: range.Length);
                var result = render(new Bar(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Seconds of wall clock still needed at the current speed (0 when the speed is not known yet).</summary>
    public static double RemainingSeconds(RenderProgress progress) =>
        progress.Speed > 0 && progress.Fraction > 0 ? progress.Elapsed.TotalSeconds * (1 - progress.Fraction) / progress.Fraction : 0;

    /// <summary>The plain progress line for one report: percent, speed, elapsed and remaining wall time.</summary>
    public static string PlainLine(int percent, RenderProgress progress) =>
        string.Create(CultureInfo.InvariantCulture,
            $"render: {percent,3}%  {progress.Speed,6:0.0}x real time  elapsed {progress.Elapsed.TotalSeconds:0.0} s  remaining {RemainingSeconds(progress):0.0} s");

    private sealed class Bar(ProgressTask task) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value)
        {
            task.MaxValue = Math.Max(1, value.FramesTotal);
            task.Value = value.FramesDone;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"Rendering {value.Speed,7:0.0}× RT");
        }
    }

    private sealed class PlainLines(TextWriter output) : IProgress<RenderProgress>
    {
        private int lastTenth;

        public void Report(RenderProgress value)
        {
            int tenth = (int)Math.Floor(10 * Math.Clamp(value.Fraction, 0, 1));
            if (tenth <= lastTenth) return;
            lastTenth = tenth;
            output.WriteLine(PlainLine(tenth * 10, value));
        }
    }
}
