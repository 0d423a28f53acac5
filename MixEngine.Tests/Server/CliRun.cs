using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

/// <summary>Runs <see cref="CommandLineApp"/> in-process with captured standard output and error (non-interactive).</summary>
internal static class CliRun
{
    /// <summary>Runs the command line and returns its exit code and what it wrote.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLineApp.Run(args, Terminal.Plain(output, error));
        return (exit, output.ToString(), error.ToString());
    }
}
