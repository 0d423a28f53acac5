using System.Globalization;
using System.CommandLine;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Offline.Delivery;
using MixEngine.Session;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine render SESSION --out DIR [--range START-END] [--threads N] [--block N] [--deliver SPEC] [--normalize-to SPEC [--normalize-bus BUS]]</c>: validates
/// the session, prints every output into DIR with a progress display, writes DIR/render-report.json, the loudness report
/// DIR/render-report.html and a summary table; with --deliver, checks the deliverable prints against the spec.
/// Exit codes: 0 rendered (and delivered), 2 session, spec or options refused (DIR untouched), 1 render failed or a
/// print failed its delivery spec (the prints stay), 130 cancelled.
/// Runs on the CLI's main thread; the renderer's workers report progress from their own threads.
/// </summary>
public static class RenderCommand
{
    /// <summary>The report's file name inside the output directory.</summary>
    public const string ReportFileName = "render-report.json";

    /// <summary>The HTML loudness report's file name inside the output directory.</summary>
    public const string HtmlReportFileName = "render-report.html";

    /// <summary>Creates the verb; <paramref name="terminal"/> and <paramref name="log"/> are the run's.</summary>
    public static Command Create(Terminal terminal, ILogger log)
    {
        var options = new RenderOptions();
        var command = new Command("render", "Render a session's prints (stems, printmaster) into a directory, faster than real time");
        options.AddTo(command);
        command.SetAction((parse, cancel) => Task.FromResult(Execute(
            new RenderArguments(parse.GetValue(options.Session)!, parse.GetValue(options.Out)!, parse.GetValue(options.Range),
                parse.GetValue(options.Threads), parse.GetValue(options.Block), parse.GetValue(options.Deliver),
                parse.GetValue(options.NormalizeTo), parse.GetValue(options.NormalizeBus)),
            terminal, log, cancel)));
        return command;
    }

    /// <summary>
    /// Runs one render as the verb does (also used by <c>mixengine demo</c>); returns the exit code. Call on the CLI's
    /// main thread; <paramref name="cancel"/> (Ctrl+C) stops the render and removes its temporary files.
    /// </summary>
    public static int Execute(RenderArguments arguments, Terminal terminal, ILogger log, CancellationToken cancel)
    {
        var session = SessionOpening.TryOpen(arguments.SessionPath, "render", terminal, log);
        if (session is null) return ExitCode.InvalidInput;

        if (arguments.NormalizeBus is not null && arguments.NormalizeTo is null)
        {
            terminal.Error.WriteLine("mixengine render: --normalize-bus needs --normalize-to SPEC");
            return ExitCode.InvalidInput;
        }
        if (!TryLoadSpec("--deliver", arguments.Deliver, terminal, out var deliver)) return ExitCode.InvalidInput;
        if (!TryLoadSpec("--normalize-to", arguments.NormalizeTo, terminal, out var normalize)) return ExitCode.InvalidInput;
        // Conformed prints are checked against the conform's spec unless --deliver names another.
        var spec = deliver ?? normalize;

        var range = RenderRange.WholeSession(session);
        if (arguments.Range is { } text && !RenderRange.TryParse(text, session, out range, out string rangeError))
        {
            terminal.Error.WriteLine($"mixengine render: {rangeError}");
            return ExitCode.InvalidInput;
        }
        if (range.Length <= 0)
        {
            terminal.Error.WriteLine($"mixengine render: session {Path.GetFullPath(arguments.SessionPath)} is empty (no clips and no end); nothing to render");
            return ExitCode.InvalidInput;
        }
        string outputDirectory = Path.GetFullPath(arguments.OutputDirectory);
        if (File.Exists(outputDirectory))
        {
            terminal.Error.WriteLine($"mixengine render: --out {outputDirectory} is a file; expected a directory");
            return ExitCode.InvalidInput;
        }

        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"mixengine render: cannot create the output directory {outputDirectory}: {e.Message}");
            return ExitCode.Failed;
        }

        var request = new RenderRequest(outputDirectory, range.Start, range.End, arguments.Threads, arguments.BlockSize);
        log.Information("Rendering {Session} {From}-{To} into {Directory} with {Threads} threads, block {Block}",
            session.Name, RenderRange.Label(session, range.Start), RenderRange.Label(session, range.End), outputDirectory,
            arguments.Threads, arguments.BlockSize);
        RenderReport report;
        try
        {
            report = RenderProgressDisplay.Run(terminal, range, progress => normalize is null
                ? OfflineRenderer.Render(session, request, WavMediaOpener.Instance, progress, cancel)
                : LoudnessConform.Render(session, request, normalize, arguments.NormalizeBus, WavMediaOpener.Instance, progress, cancel));
        }
        catch (ConformException e)
        {
            terminal.Error.WriteLine($"mixengine render: --normalize-to {normalize!.Name}: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            terminal.Error.WriteLine("mixengine render: cancelled; no partial print was left in " + outputDirectory);
            return ExitCode.Cancelled;
        }
        catch (MediaFormatException e)
        {
            terminal.Error.WriteLine($"mixengine render: media error: {e.Message}");
            return ExitCode.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"mixengine render: render failed: {e.Message}");
            return ExitCode.Failed;
        }
        catch (Exception e)
        {
            log.Error(e, "Render of {Session} failed", session.Name);
            terminal.Error.WriteLine($"mixengine render: render failed: {e.Message}");
            return ExitCode.Failed;
        }

        if (spec is not null) report = report.CheckedAgainst(spec, session);
        string reportPath = Path.Combine(outputDirectory, ReportFileName);
        try
        {
            report.WriteJson(reportPath);
            LoudnessReportHtml.Write(Path.Combine(outputDirectory, HtmlReportFileName), $"{session.Name}: loudness", report.Loudness, spec);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"mixengine render: the prints are written, but the report {reportPath} could not be: {e.Message}");
            return ExitCode.Failed;
        }
        log.Information("Rendered {Prints} prints ({Files} files) in {Seconds:0.00} s, {Speed:0.0}x real time", report.Prints.Count, report.Files, report.RenderSeconds, report.Speed);
        PrintSummary.Write(terminal, report, outputDirectory, reportPath);
        foreach (var c in report.Conform)
            terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"conform {c.Bus} to {c.Spec}: {c.BeforeLufs:0.00} → {c.AfterLufs:0.00} LUFS ({c.Gating}), gain {c.GainDb:+0.00;-0.00} dB, " +
                $"true peak {c.AfterTruePeakDbtp:0.00} dBTP{(c.Limited ? $", limited by up to {c.MaxLimiterReductionDb:0.00} dB" : "")}; bound by the {c.Binding}"));
        if (spec is null) return ExitCode.Ok;
        if (report.Prints.All(p => p.Compliance is null))
        {
            terminal.Error.WriteLine($"mixengine render: --deliver {spec.Name}: no print was checked; the spec applies to printed buses that feed no other bus (a printmaster), and this session prints none");
            return ExitCode.Failed;
        }
        foreach (var print in report.Prints.Where(p => p.Compliance is not null))
        {
            var c = print.Compliance!;
            terminal.Output.WriteLine($"{spec.Name}: {Path.GetFileName(print.Paths[0])}: {(c.Passed ? "PASS" : "FAIL")}; binding constraint: {c.Binding ?? "none"}");
            foreach (var r in c.Criteria.Where(r => r.Verdict is not Verdict.Pass))
                terminal.Output.WriteLine($"  {r.Verdict}: {r.Criterion}: {LoudnessCommand.Format(r.Measured)} {r.Unit}, required {r.Requirement}");
        }
        return report.Delivered ? ExitCode.Ok : ExitCode.Failed;
    }

    private static bool TryLoadSpec(string option, string? name, Terminal terminal, out DeliverySpec? spec)
    {
        spec = null;
        if (name is null) return true;
        try
        {
            spec = DeliverySpecReader.Load(name);
            return true;
        }
        catch (SessionValidationException e)
        {
            foreach (var p in e.Problems) terminal.Error.WriteLine($"mixengine render: {option} {p.File ?? name}: {p.JsonPath}: {p.Message}");
            return false;
        }
    }
}
