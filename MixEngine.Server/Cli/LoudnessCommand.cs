using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MixEngine.Files;
using MixEngine.Offline;
using Spectre.Console;

namespace MixEngine.Server.Cli;

/// <summary>
/// `mixengine loudness FILE... [--json]`: integrated loudness, loudness range, true peak, sample peak, max momentary and
/// max short-term of each file (BS.1770-5 / EBU R128); with --dialogue DX_STEM also the dialogue-stem-gated loudness. A file that cannot be read is reported by name and offset and
/// the others are still measured; the exit code is then 1. Runs on the CLI's main thread.
/// </summary>
public static class LoudnessCommand
{
    /// <summary>Builds the verb; called once by <see cref="CommandLineApp"/>.</summary>
    public static Command Create(Terminal terminal)
    {
        var files = new Argument<string[]>("FILE") { Description = "WAV/BWF/RF64 files to measure", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (for machines) instead of a table" };
        var dialogue = new Option<string?>("--dialogue")
        {
            Description = "DX stem printed with the file(s): also measure loudness only where dialogue is active",
        };
        var command = new Command("loudness", "Measure loudness (BS.1770-5 / EBU R128) and peaks of audio files") { files, json, dialogue };
        command.SetAction((parse, token) =>
            Task.FromResult(Run(parse.GetValue(files) ?? [], parse.GetValue(json), parse.GetValue(dialogue), terminal, token)));
        return command;
    }

    /// <summary>Measures every file (each against <paramref name="dialoguePath"/> when given); failures are reported on standard error.</summary>
    internal static (List<FileLoudness> Results, int Failures) MeasureAll(string[] paths, string? dialoguePath, Terminal terminal, CancellationToken token)
    {
        var results = new List<FileLoudness>();
        int failures = 0;
        foreach (var path in paths)
        {
            try
            {
                results.Add(LoudnessAnalysis.MeasureFile(path, dialoguePath, cancellationToken: token));
            }
            catch (Exception e) when (e is MediaFormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                terminal.Error.WriteLine(e is MediaFormatException or ArgumentException ? e.Message : $"{path}: {e.Message}");
                failures++;
            }
        }
        return (results, failures);
    }

    private static int Run(string[] paths, bool asJson, string? dialoguePath, Terminal terminal, CancellationToken token)
    {
        List<FileLoudness> results;
        int failures;
        try
        {
            (results, failures) = MeasureAll(paths, dialoguePath, terminal, token);
        }
        catch (OperationCanceledException)
        {
            return ExitCode.Cancelled;
        }
        if (asJson) WriteJson(results, terminal.Output);
        else if (terminal.IsInteractive) WriteTable(results, terminal.Ansi);
        else WritePlain(results, terminal.Output);
        return failures == 0 ? ExitCode.Ok : ExitCode.Failed;
    }

    private static void WriteJson(List<FileLoudness> results, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("files");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("path", r.Path);
                w.WriteString("layout", r.Layout);
                w.WriteNumber("channels", r.Channels);
                w.WriteNumber("sampleRate", r.SampleRate);
                w.WriteNumber("frames", r.Frames);
                Number(w, "integratedLufs", r.IntegratedLufs);
                Number(w, "loudnessRangeLu", r.LoudnessRangeLu);
                Number(w, "truePeakDbtp", r.TruePeakDbtp);
                Number(w, "samplePeakDbfs", r.SamplePeakDbfs);
                Number(w, "maxMomentaryLufs", r.MaxMomentaryLufs);
                Number(w, "maxShortTermLufs", r.MaxShortTermLufs);
                if (r.Dialogue is { } d)
                {
                    w.WriteStartObject("dialogueGated");
                    Number(w, "loudnessLufs", d.GatedLufs);
                    Number(w, "speechPercent", 100 * d.SpeechFraction);
                    Number(w, "dialogueStemLufs", d.DialogueStemLufs);
                    Number(w, "thresholdLufs", d.ThresholdLufs);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // JSON has no infinity: silence (−∞) is written as null.
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 2));
        else w.WriteNull(name);
    }

    private static void WriteTable(List<FileLoudness> results, IAnsiConsole console)
    {
        var table = new Table().AddColumns("file", "layout", "integrated LUFS", "dialogue-gated LUFS (speech %)", "LRA LU",
            "true peak dBTP", "sample peak dBFS", "max M LUFS", "max S LUFS");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Path), r.Layout, Format(r.IntegratedLufs), DialogueText(r), Format(r.LoudnessRangeLu), Format(r.TruePeakDbtp),
                Format(r.SamplePeakDbfs), Format(r.MaxMomentaryLufs), Format(r.MaxShortTermLufs));
        console.Write(table);
    }

    private static void WritePlain(List<FileLoudness> results, TextWriter output)
    {
        foreach (var r in results)
            output.WriteLine($"{r.Path}: layout {r.Layout}, integrated {Format(r.IntegratedLufs)} LUFS, " +
                (r.Dialogue is null ? "" : $"dialogue-gated {DialogueText(r)}, ") + $"LRA {Format(r.LoudnessRangeLu)} LU, " +
                $"true peak {Format(r.TruePeakDbtp)} dBTP, sample peak {Format(r.SamplePeakDbfs)} dBFS, " +
                $"max momentary {Format(r.MaxMomentaryLufs)} LUFS, max short-term {Format(r.MaxShortTermLufs)} LUFS");
    }

    private static string DialogueText(FileLoudness r) =>
        r.Dialogue is { } d ? $"{Format(d.GatedLufs)} LUFS ({100 * d.SpeechFraction:0.0} % speech)" : "-";

    /// <summary>A level for display: two decimals, or "-inf" for silence.</summary>
    internal static string Format(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-inf";
}
