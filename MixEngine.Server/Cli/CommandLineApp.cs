using System.CommandLine;

namespace MixEngine.Server.Cli;

/// <summary>Composes the `mixengine` verbs; each verb lives in its own file. Runs on the main thread.</summary>
public static class CommandLineApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen verb and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("MixEngine: headless 64-bit re-recording mix engine");
        return root.Parse(args).Invoke();
    }
}
