using System.CommandLine;
using System.Globalization;
using MixEngine.Session;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine validate SESSION</c>: checks a session file as a render would (syntax, fields, values, media, routing)
/// without writing anything; prints "ok" and a one-line summary, or every problem on standard error (exit 2).
/// Runs on the CLI's main thread.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Creates the verb; <paramref name="terminal"/> and <paramref name="log"/> are the run's.</summary>
    public static Command Create(Terminal terminal, ILogger log)
    {
        var session = new Argument<string>("SESSION") { Description = "The session file (JSON) to check" };
        var command = new Command("validate", "Check a session file (fields, values, media, routing) and report every problem at once; writes nothing");
        command.Arguments.Add(session);
        command.SetAction(parse =>
        {
            var loaded = SessionOpening.TryOpen(parse.GetValue(session)!, "validate", terminal, log);
            if (loaded is null) return ExitCode.InvalidInput;
            terminal.Output.WriteLine("ok");
            terminal.Output.WriteLine(Summarize(loaded));
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>One line describing a valid session: counts, rates and its extent as timecode.</summary>
    public static string Summarize(MixSession session)
    {
        var whole = RenderRange.WholeSession(session);
        var duration = Timecode.FromSamplesSinceMidnight(whole.Length, session.SampleRate, session.TimecodeRate);
        double seconds = (double)whole.Length / session.SampleRate;
        return string.Create(CultureInfo.InvariantCulture,
            $"{session.Name}: {Count(session.Tracks.Count, "track")}, {Count(session.Buses.Count, "bus", "buses")}, " +
            $"{Count(session.Vcas.Count, "VCA")}, {Count(session.Outputs.Count, "output")}; {session.SampleRate} Hz, " +
            $"{session.TimecodeRate.Name} fps; {session.Start}-{RenderRange.Label(session, whole.End)}, " +
            $"duration {duration} ({seconds:0.000} s, {whole.Length} samples)");
    }

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";
}
