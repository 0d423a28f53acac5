using MixEngine.Offline;
using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class PrintSummaryTests
{
    private static PrintReport Print(string bus, string[] paths, string layout, string[] labels, string fileLayout, double?[] peaks) =>
        new(bus, paths, labels.Length, layout, labels, fileLayout, "int24", 48000, 96000, 172800000, peaks, 0.5, 4.0,
            new PrintLoudnessReport(null, null, null, null, null, null));

    private static RenderReport Report(params PrintReport[] prints) =>
        new("summary test", 48000, 0, 96000, 96000, 2, 1024, 0.5, 4.0, prints.Sum(p => p.Paths.Count), prints);

    [Fact]
    public void An_interleaved_print_is_one_row_with_its_highest_channel_peak()
    {
        var report = Report(Print("pm", ["/out/PM.wav"], "stereo", ["L", "R"], "interleaved", [-12.04, -3.01]));
        var row = Assert.Single(PrintSummary.Rows(report, "/out"));
        Assert.Equal(["PM.wav", "2", "stereo", "96000", "-3.0"], row);
    }

    [Fact]
    public void A_multi_mono_print_is_one_row_per_channel_file_with_that_channels_peak()
    {
        var report = Report(Print("dx", ["/out/DX.L.wav", "/out/DX.R.wav", "/out/DX.C.wav"], "LCR", ["L", "R", "C"], "multiMono",
            [null, -20.0, -6.02]));
        var rows = PrintSummary.Rows(report, "/out");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["DX.L.wav", "1", "LCR L", "96000", "-inf"], rows[0]);
        Assert.Equal(["DX.C.wav", "1", "LCR C", "96000", "-6.0"], rows[2]);
    }

    [Fact]
    public void A_silent_print_shows_minus_infinity()
    {
        var report = Report(Print("fx", ["/out/sub/FX.wav"], "mono", ["C"], "interleaved", [null]));
        Assert.Equal(["sub/FX.wav", "1", "mono", "96000", "-inf"], Assert.Single(PrintSummary.Rows(report, "/out")));
    }

    [Fact]
    public void Plain_output_ends_with_the_totals_and_the_report_path()
    {
        var output = new StringWriter();
        var report = Report(Print("pm", ["/out/PM.wav"], "mono", ["C"], "interleaved", [-1.0]));
        PrintSummary.Write(Terminal.Plain(output, new StringWriter()), report, "/out", "/out/render-report.json");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("File    Channels  Layout  Frames  Peak dBFS", lines[0]);
        Assert.Equal("1 files, 96000 frames at 48000 Hz in 0.50 s (4.0x real time)", lines[^2]);
        Assert.Equal("Report: /out/render-report.json", lines[^1]);
    }
}
