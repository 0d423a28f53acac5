using System.Diagnostics;

namespace MixEngine.Tests.Support;

/// <summary>
/// A fact that runs an independent peer tool (ffprobe, sox, soxi, sndfile-info, /usr/bin/python3 modules …).
/// Skipped with a visible reason when a tool is absent on a developer machine; never skipped when the CI environment
/// variable is set (CI installs every peer, so a missing one there must fail loudly instead of hiding).
/// </summary>
public sealed class PeerFactAttribute : FactAttribute
{
    /// <summary>Names the executables (looked up on PATH, or absolute paths) the test needs.</summary>
    public PeerFactAttribute(params string[] tools)
    {
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 }) return;
        var missing = tools.Where(t => PeerTools.Find(t) is null).ToArray();
        if (missing.Length > 0)
            Skip = $"peer tool(s) not installed: {string.Join(", ", missing)} (scripts/install-test-deps.sh installs them)";
    }
}

/// <summary>Finds and runs peer tools for tests.</summary>
public static class PeerTools
{
    /// <summary>Full path of <paramref name="tool"/> on PATH (or the path itself when absolute and present), or null.</summary>
    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool)) return File.Exists(tool) ? tool : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(8);

    /// <summary>Runs a tool to completion and returns its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // A guard against a hung tool, not a speed limit: on a shared, loaded machine a multichannel peer run can take minutes.
        if (!p.WaitForExit(PeerTimeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in {PeerTimeout.TotalSeconds:0} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>The theory counterpart of <see cref="PeerFactAttribute"/>: same skip rule.</summary>
public sealed class PeerTheoryAttribute : TheoryAttribute
{
    /// <summary>Names the executables or files the test needs.</summary>
    public PeerTheoryAttribute(params string[] tools)
    {
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 }) return;
        var missing = tools.Where(t => PeerTools.Find(t) is null).ToArray();
        if (missing.Length > 0)
            Skip = $"peer tool(s) not installed: {string.Join(", ", missing)} (scripts/install-test-deps.sh installs them)";
    }
}
