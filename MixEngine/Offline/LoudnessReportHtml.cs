using System.Globalization;
using System.Net;
using System.Text;
using MixEngine.Dsp.Loudness;
using MixEngine.Offline.Delivery;

namespace MixEngine.Offline;

/// <summary>
/// Writes a self-contained HTML loudness report (no external assets): per print, a table of the figures and an inline
/// SVG graph of momentary and short-term loudness over time with the delivery spec's target band. Control side.
/// </summary>
public static class LoudnessReportHtml
{
    private const double Top = 0, Bottom = -60, Width = 900, Height = 260, Left = 48, Right = 12, Upper = 10, Lower = 28;

    /// <summary>Writes the report for <paramref name="prints"/> to <paramref name="path"/> (atomically: temp file, then rename).</summary>
    public static void Write(string path, string title, IReadOnlyList<PrintLoudness> prints, DeliverySpec? spec)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append(".pass{color:#176b2c}.fail{color:#b00020;font-weight:bold}.warn{color:#a15c00}svg{background:#fcfcfc;border:1px solid #ddd}")
            .Append("</style></head><body>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        if (spec is not null)
            html.Append("<p>Delivery spec: <b>").Append(Encode(spec.Name)).Append("</b> — ").Append(Encode(spec.Description)).Append("</p>\n");
        foreach (var print in prints) AppendPrint(html, print, spec);
        html.Append("<p>Momentary (400 ms) and short-term (3 s) loudness per BS.1770-5 / EBU R 128, channel weights per BS.1770-5 Annex 3; ")
            .Append("true peak with 4× oversampling. Dialogue-gated figures gate on the DX stem, not a speech classifier.</p>\n</body></html>\n");

        string temp = path + ".partial";
        File.WriteAllText(temp, html.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static void AppendPrint(StringBuilder html, PrintLoudness print, DeliverySpec? spec)
    {
        var f = print.Figures;
        html.Append("<h2>").Append(Encode(Path.GetFileName(f.Path))).Append("</h2>\n<table><tr><th>layout</th><th>integrated LUFS</th>");
        if (f.Dialogue is not null) html.Append("<th>dialogue-gated LUFS</th><th>speech %</th>");
        html.Append("<th>LRA LU</th><th>true peak dBTP</th><th>sample peak dBFS</th><th>max momentary LUFS</th><th>max short-term LUFS</th></tr>\n<tr><td>")
            .Append(Encode(f.Layout)).Append("</td><td>").Append(Number(f.IntegratedLufs)).Append("</td>");
        if (f.Dialogue is { } d) html.Append("<td>").Append(Number(d.GatedLufs)).Append("</td><td>").Append(Number(100 * d.SpeechFraction)).Append("</td>");
        html.Append("<td>").Append(Number(f.LoudnessRangeLu)).Append("</td><td>").Append(Number(f.TruePeakDbtp)).Append("</td><td>")
            .Append(Number(f.SamplePeakDbfs)).Append("</td><td>").Append(Number(f.MaxMomentaryLufs)).Append("</td><td>")
            .Append(Number(f.MaxShortTermLufs)).Append("</td></tr></table>\n");

        if (print.Compliance is { } c)
        {
            html.Append("<table><tr><th>criterion</th><th>measured</th><th>requirement</th><th>margin</th><th>verdict</th></tr>\n");
            foreach (var r in c.Criteria)
                html.Append("<tr><td>").Append(Encode(r.Criterion)).Append("</td><td>").Append(Number(r.Measured)).Append(' ').Append(r.Unit)
                    .Append("</td><td>").Append(Encode(r.Requirement)).Append("</td><td>").Append(Number(r.Margin)).Append("</td><td class=\"")
                    .Append(r.Verdict switch { Verdict.Pass => "pass", Verdict.Warn => "warn", _ => "fail" }).Append("\">").Append(r.Verdict).Append("</td></tr>\n");
            html.Append("</table>\n<p>Binding constraint: <b>").Append(Encode(c.Binding ?? "none")).Append("</b> — ")
                .Append(c.Passed ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>").Append("</p>\n");
        }
        AppendGraph(html, print.Timeline, spec);
    }

    private static void AppendGraph(StringBuilder html, LoudnessTimeline timeline, DeliverySpec? spec)
    {
        double plotW = Width - Left - Right, plotH = Height - Upper - Lower;
        double seconds = Math.Max(timeline.Count * timeline.SecondsPerPoint, 0.1);
        double X(double t) => Left + plotW * t / seconds;
        double Y(double lufs) => Upper + plotH * (Top - Math.Clamp(lufs, Bottom, Top)) / (Top - Bottom);

        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"loudness over time\">\n");
        if (spec is not null)
        {
            var t = spec.Integrated;
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Y(t.Target + t.Tolerance):0.#}\" width=\"{plotW}\" height=\"{Math.Max(1, Y(t.Target - t.Tolerance) - Y(t.Target + t.Tolerance)):0.#}\" fill=\"#2e7d32\" fill-opacity=\"0.15\"><title>target {t.Target:0.0} ± {t.Tolerance:0.0} LUFS</title></rect>\n");
        }
        for (double db = Top; db >= Bottom; db -= 10)
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(db):0.#}\" y2=\"{Y(db):0.#}\" stroke=\"#e3e3e3\"/><text x=\"{Left - 6}\" y=\"{Y(db) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{db:0}</text>\n");
        double step = NiceStep(seconds);
        for (double s = 0; s <= seconds + 1e-9; s += step)
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(s):0.#}\" y=\"{Height - 10}\" font-size=\"11\" text-anchor=\"middle\">{FormatTime(s)}</text>\n");
        AppendLine(html, timeline.Momentary, timeline.SecondsPerPoint, X, Y, "#90a4ae", "momentary");
        AppendLine(html, timeline.ShortTerm, timeline.SecondsPerPoint, X, Y, "#1e3a8a", "short-term");
        html.Append("</svg>\n<p style=\"font-size:12px\"><span style=\"color:#90a4ae\">━</span> momentary &nbsp; <span style=\"color:#1e3a8a\">━</span> short-term (LUFS)")
            .Append(spec is null ? "" : " &nbsp; <span style=\"color:#2e7d32\">■</span> target band").Append("</p>\n");
    }

    // One polyline per run of finite readings: silence (−∞) and the time before a window is full leave gaps.
    private static void AppendLine(StringBuilder html, ReadOnlySpan<double> values, double secondsPerPoint, Func<double, double> x, Func<double, double> y, string colour, string name)
    {
        bool open = false;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                if (open) html.Append("\"><title>").Append(name).Append("</title></polyline>\n");
                open = false;
                continue;
            }
            if (!open) html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\" points=\"");
            open = true;
            html.Append(CultureInfo.InvariantCulture, $"{x((i + 0.5) * secondsPerPoint):0.#},{y(values[i]):0.#} ");
        }
        if (open) html.Append("\"><title>").Append(name).Append("</title></polyline>\n");
    }

    private static double NiceStep(double seconds)
    {
        foreach (double s in new[] { 1.0, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600 })
            if (seconds / s <= 10) return s;
        return 7200;
    }

    private static string FormatTime(double s) =>
        s < 60 ? $"{s:0}s" : string.Create(CultureInfo.InvariantCulture, $"{(int)s / 3600:0}:{(int)s / 60 % 60:00}:{(int)s % 60:00}");

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-inf";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
