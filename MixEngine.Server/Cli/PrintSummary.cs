using System.Globalization;
using MixEngine.Offline;

namespace MixEngine.Server.Cli;

/// <summary>
/// The table printed after a render: one row per print file (file, channels, layout, frames, highest sample peak in
/// dBFS; a multi-mono print has a row per channel file), as a Spectre.Console table on a terminal and as aligned
/// plain text otherwise (<see cref="ResultTable"/>), followed by the totals and the report's path. CLI main thread.
/// </summary>
public static class PrintSummary
{
    private static readonly string[] Headers = ["File", "Channels", "Layout", "Frames", "Peak dBFS"];

    /// <summary>Writes the summary of <paramref name="report"/>; file names are shown relative to <paramref name="outputDirectory"/>.</summary>
    public static void Write(Terminal terminal, RenderReport report, string outputDirectory, string reportPath)
    {
        ResultTable.Write(terminal, Headers, Rows(report, outputDirectory), 1, 3, 4);
        terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Files} files, {report.Frames} frames at {report.SampleRate} Hz in {report.RenderSeconds:0.00} s ({report.Speed:0.0}x real time)"));
        terminal.Output.WriteLine($"Report: {reportPath}");
    }

    /// <summary>The table's rows: file, channels, layout, frames, peak dBFS, as displayed.</summary>
    public static IReadOnlyList<string[]> Rows(RenderReport report, string outputDirectory)
    {
        var rows = new List<string[]>();
        foreach (var print in report.Prints)
        {
            string frames = print.Frames.ToString(CultureInfo.InvariantCulture);
            if (print.Paths.Count == 1)
            {
                rows.Add([Relative(outputDirectory, print.Paths[0]), print.Channels.ToString(CultureInfo.InvariantCulture),
                    print.Layout, frames, FormatPeak(Highest(print.SamplePeakDbfs))]);
                continue;
            }
            for (int c = 0; c < print.Paths.Count; c++)
            {
                string label = c < print.ChannelLabels.Count ? $"{print.Layout} {print.ChannelLabels[c]}" : print.Layout;
                double? peak = c < print.SamplePeakDbfs.Count ? print.SamplePeakDbfs[c] : null;
                rows.Add([Relative(outputDirectory, print.Paths[c]), "1", label, frames, FormatPeak(peak)]);
            }
        }
        return rows;
    }

    /// <summary>A peak in dBFS with one decimal; null (digital silence) is "-inf".</summary>
    public static string FormatPeak(double? dbfs) =>
        dbfs is { } db ? db.ToString("0.0", CultureInfo.InvariantCulture) : "-inf";

    private static double? Highest(IReadOnlyList<double?> peaks)
    {
        double? highest = null;
        foreach (var p in peaks)
            if (p is { } db && (highest is null || db > highest)) highest = db;
        return highest;
    }

    private static string Relative(string directory, string path) => Path.GetRelativePath(directory, path);
}
