using System.CommandLine;
using System.CommandLine.Invocation;
using Serilog;
using Serilog.Core;

namespace MixEngine.Server.Cli;

/// <summary>
/// Composes the `mixengine` verbs (one file per verb, one registration line each below), parses the command line
/// and runs the chosen verb. Runs on the main thread; verbs observe Ctrl+C through their cancellation token.
/// </summary>
public static class CommandLineApp
{
    /// <summary>Runs the verb named in <paramref name="args"/> on the process console and returns the exit code.</summary>
    public static int Run(string[] args) => Run(args, Terminal.FromProcess());

    /// <summary>Runs the verb named in <paramref name="args"/>, writing to <paramref name="terminal"/>; returns the exit code.</summary>
    public static int Run(string[] args, Terminal terminal)
    {
        var level = new LoggingLevelSwitch(CliLogging.DefaultLevel);
        using var log = CliLogging.Create(level);
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log debug detail to standard error",
            Recursive = true,
        };
        var root = new RootCommand("MixEngine: headless 64-bit re-recording mix engine (renders stems and printmasters from a session file)")
        {
            HelpName = "mixengine",
        };
        root.Options.Add(verbose);
        Register(root, terminal, log, level);

        var parsed = root.Parse(args);
        if (parsed.GetValue(verbose)) level.MinimumLevel = CliLogging.VerboseLevel;
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) terminal.Error.WriteLine($"mixengine: {error.Message}");
            string verb = parsed.CommandResult.Command is RootCommand ? "" : parsed.CommandResult.Command.Name + " ";
            terminal.Error.WriteLine($"Run 'mixengine {verb}--help' for usage.");
            return ExitCode.InvalidInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = terminal.Output,
            Error = terminal.Error,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        return parsed.InvokeAsync(invocation).GetAwaiter().GetResult();
    }

    private static void Register(RootCommand root, Terminal terminal, ILogger log, LoggingLevelSwitch level)
    {
        root.Subcommands.Add(RenderCommand.Create(terminal, log));
        root.Subcommands.Add(ValidateCommand.Create(terminal, log));
        root.Subcommands.Add(ParamsCommand.Create(terminal, log));
        root.Subcommands.Add(AutomateCommand.Create(terminal, log));
        root.Subcommands.Add(LoudnessCommand.Create(terminal));
        root.Subcommands.Add(CheckCommand.Create(terminal));
        root.Subcommands.Add(DemoCommand.Create(terminal, log));
        root.Subcommands.Add(SurfacesCommand.Create(terminal));
        root.Subcommands.Add(ServeCommand.Create(terminal, log, level));
    }
}
