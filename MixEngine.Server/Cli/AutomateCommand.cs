using System.CommandLine;
using System.Diagnostics;
using MixEngine.Automation;
using MixEngine.Session;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine automate SESSION --pass EVENTS.json [--out SESSION2] [--pace realtime]</c>: runs a scripted automation
/// pass (docs/automation.md) through the same recorder a live pass uses, journaling it next to the target session, and
/// saves the session atomically keeping the previous version as <c>.bak</c>; <c>--recover</c> replays the journal of an
/// interrupted pass instead, <c>--discard-journal</c> deletes it. Runs on the CLI's main thread.
/// </summary>
public static class AutomateCommand
{
    /// <summary>Creates the verb; <paramref name="terminal"/> and <paramref name="log"/> are the run's.</summary>
    public static Command Create(Terminal terminal, ILogger log)
    {
        var session = new Argument<string>("SESSION") { Description = "The session file (JSON) to write automation into" };
        var pass = new Option<string?>("--pass") { Description = "The scripted pass (JSON events file, docs/automation.md)" };
        var output = new Option<string?>("--out") { Description = "Write the result to this session file instead of SESSION" };
        var pace = new Option<string?>("--pace") { Description = "\"realtime\" feeds the events at the speed of the timeline (as a live pass would arrive)" };
        var recover = new Option<bool>("--recover") { Description = "Replay the journal of an interrupted pass into the session and save it" };
        var discard = new Option<bool>("--discard-journal") { Description = "Delete the journal of an interrupted pass without writing it" };
        var command = new Command("automate", "Write automation from a scripted pass (or recover an interrupted pass from its journal); saves atomically, keeping SESSION.bak");
        command.Arguments.Add(session);
        foreach (var o in new Option[] { pass, output, pace, recover, discard }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var loaded = SessionOpening.TryOpen(parse.GetValue(session)!, "automate", terminal, log);
            if (loaded is null) return ExitCode.InvalidInput;
            string target = Path.GetFullPath(parse.GetValue(output) ?? parse.GetValue(session)!);
            string journal = PassJournal.For(target);
            if (parse.GetValue(discard))
            {
                File.Delete(journal);
                terminal.Output.WriteLine($"journal {journal} discarded");
                return ExitCode.Ok;
            }
            if (parse.GetValue(recover)) return Recover(loaded, target, journal, terminal);
            if (File.Exists(journal))
            {
                terminal.Error.WriteLine($"mixengine automate: {journal} holds an interrupted pass; run with --recover to write its moves or --discard-journal to drop them");
                return ExitCode.InvalidInput;
            }
            if (parse.GetValue(pass) is not { } passPath)
            {
                terminal.Error.WriteLine("mixengine automate: --pass EVENTS.json is required (or --recover / --discard-journal)");
                return ExitCode.InvalidInput;
            }
            string? paceName = parse.GetValue(pace);
            if (paceName is not null and not "realtime")
            {
                terminal.Error.WriteLine($"mixengine automate: --pace '{paceName}' is unknown; expected 'realtime'");
                return ExitCode.InvalidInput;
            }
            ScriptedPass script;
            try
            {
                script = ScriptedPassReader.Load(passPath, loaded);
            }
            catch (PassScriptException e)
            {
                terminal.Error.WriteLine($"mixengine automate: {e.Message}");
                return ExitCode.InvalidInput;
            }
            PassResult result;
            using (var j = new PassJournal(journal))
            {
                var recorder = new AutomationRecorder(loaded, j);
                result = script.Run(recorder, paceName is null ? null : Pacer(script.Start, loaded.SampleRate, terminal));
                Save(loaded with { Automation = recorder.Automation }, target, terminal);
            }
            File.Delete(journal);
            Report(result, terminal);
            log.Debug("Pass {Start}-{End} wrote {Count} lanes into {Path}", result.Start, result.End, result.Written.Count, target);
            return ExitCode.Ok;
        });
        return command;
    }

    private static int Recover(MixSession session, string target, string journal, Terminal terminal)
    {
        if (!File.Exists(journal))
        {
            terminal.Error.WriteLine($"mixengine automate: no journal to recover at {journal}");
            return ExitCode.InvalidInput;
        }
        var recorder = new AutomationRecorder(session);
        IReadOnlyList<PassResult> results;
        try
        {
            results = PassJournal.Replay(journal, recorder);
        }
        catch (InvalidDataException e)
        {
            terminal.Error.WriteLine($"mixengine automate: {e.Message}");
            return ExitCode.Failed;
        }
        Save(session with { Automation = recorder.Automation }, target, terminal);
        File.Delete(journal);
        terminal.Output.WriteLine($"recovered {results.Count} pass{(results.Count == 1 ? "" : "es")} from {journal}");
        foreach (var r in results) Report(r, terminal);
        return ExitCode.Ok;
    }

    private static void Save(MixSession session, string target, Terminal terminal)
    {
        string? backup = SessionWriter.SaveKeepingPrevious(session, target);
        terminal.Output.WriteLine(backup is null ? $"saved {target}" : $"saved {target} (previous version: {backup})");
    }

    private static void Report(PassResult result, Terminal terminal)
    {
        terminal.Output.WriteLine($"pass {result.Start}-{result.End}: wrote {(result.Written.Count == 0 ? "nothing" : string.Join(", ", result.Written))}");
        foreach (var m in result.NotWritten) terminal.Output.WriteLine($"  {m}");
    }

    /// <summary>Waits until the wall clock reaches each event's place on the timeline, counted from the pass start.</summary>
    private static Action<long> Pacer(long start, int sampleRate, Terminal terminal)
    {
        Stopwatch? clock = null;
        return position =>
        {
            if (clock is null)
            {
                clock = Stopwatch.StartNew();
                terminal.Output.WriteLine("pass running");
                terminal.Output.Flush();
            }
            var due = TimeSpan.FromSeconds((double)(position - start) / sampleRate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
        };
    }
}
