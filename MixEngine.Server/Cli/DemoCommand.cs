using System.CommandLine;
using MixEngine.Server.Demo;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine demo --out DIR [--seconds N] [--seed N]</c>: synthesises the demo media into DIR/media/, saves
/// DIR/demo.session.json and renders it into DIR/prints/ through the render verb (same validation, progress, report
/// and summary as <c>mixengine render</c>). Runs on the CLI's main thread.
/// </summary>
public static class DemoCommand
{
    /// <summary>Creates the verb; <paramref name="terminal"/> and <paramref name="log"/> are the run's.</summary>
    public static Command Create(Terminal terminal, ILogger log)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory the demo is written to: media/, demo.session.json and prints/ (created when missing)",
            Required = true,
            HelpName = "DIR",
        };
        var seconds = new Option<int>("--seconds")
        {
            Description = $"Length of the demo scene in seconds, {DemoSession.MinimumSeconds}..{DemoSession.MaximumSeconds}",
            DefaultValueFactory = _ => DemoSession.DefaultSeconds,
            HelpName = "N",
        };
        seconds.Validators.Add(r =>
        {
            int n = r.GetValueOrDefault<int>();
            if (n is < DemoSession.MinimumSeconds or > DemoSession.MaximumSeconds)
                r.AddError($"--seconds must be between {DemoSession.MinimumSeconds} and {DemoSession.MaximumSeconds}, got {n}");
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the synthesised media (the same seed gives the same files)",
            DefaultValueFactory = _ => DemoSession.DefaultSeed,
            HelpName = "N",
        };
        var command = new Command("demo", "Write a small self-contained demo session with generated media and render its 7.1.2 printmaster and DX/MX/FX stems");
        command.Options.Add(output);
        command.Options.Add(seconds);
        command.Options.Add(seed);
        command.SetAction((parse, cancel) =>
        {
            string directory = Path.GetFullPath(parse.GetValue(output)!);
            int length = parse.GetValue(seconds);
            terminal.Output.WriteLine($"Writing the demo ({length} s) to {directory}");
            log.Debug("Synthesising demo media {Seconds} s seed {Seed} into {Directory}", length, parse.GetValue(seed), directory);
            string session;
            try
            {
                session = DemoSession.WriteTo(directory, length, parse.GetValue(seed));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                terminal.Error.WriteLine($"mixengine demo: could not write the demo to {directory}: {e.Message}");
                return Task.FromResult(ExitCode.Failed);
            }
            terminal.Output.WriteLine($"Session: {session}");
            var render = new RenderArguments(session, Path.Combine(directory, "prints"), null, Environment.ProcessorCount, RenderOptions.DefaultBlock);
            return Task.FromResult(RenderCommand.Execute(render, terminal, log, cancel));
        });
        return command;
    }
}
