using MixEngine.Session;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// Opens the session file a verb was given: a missing file, or a session with problems, is reported on standard error
/// (every problem on its own line: JSON path, message, file) and yields null, so the verb exits with
/// <see cref="ExitCode.InvalidInput"/> before touching any output. CLI main thread.
/// </summary>
public static class SessionOpening
{
    /// <summary>Loads and validates <paramref name="path"/>; returns null after reporting when it cannot be used.</summary>
    public static MixSession? TryOpen(string path, string verb, Terminal terminal, ILogger log)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            terminal.Error.WriteLine(Directory.Exists(full)
                ? $"mixengine {verb}: {full} is a directory; expected a session file (JSON)"
                : $"mixengine {verb}: session file not found: {full}");
            return null;
        }
        try
        {
            var session = SessionReader.Load(full);
            log.Debug("Loaded session {Session} from {Path}: {Tracks} tracks, {Buses} buses, {Outputs} outputs",
                session.Name, full, session.Tracks.Count, session.Buses.Count, session.Outputs.Count);
            return session;
        }
        catch (SessionValidationException e)
        {
            string count = e.Problems.Count == 1 ? "1 problem" : $"{e.Problems.Count} problems";
            terminal.Error.WriteLine($"mixengine {verb}: session {full} has {count}:");
            foreach (var problem in e.Problems) terminal.Error.WriteLine(problem.ToString());
            log.Debug("Session {Path} refused with {Count} problems", full, e.Problems.Count);
            return null;
        }
    }
}
