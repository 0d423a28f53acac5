using System.CommandLine;
using MixEngine.Offline.Delivery;
using MixEngine.Session;
using Spectre.Console;

namespace MixEngine.Server.Cli;

/// <summary>
/// `mixengine check SPEC FILE... [--dialogue DX_STEM]`: measures each file and reports pass/fail per criterion of a
/// delivery spec (shipped name or spec file) with measured value, requirement and margin, and names the binding
/// constraint. Exit 0 when every file passes, 1 when any fails or cannot be read, 2 for an unusable spec.
/// </summary>
public static class CheckCommand
{
    /// <summary>Builds the verb; called once by <see cref="CommandLineApp"/>.</summary>
    public static Command Create(Terminal terminal)
    {
        var spec = new Argument<string>("SPEC")
        {
            Description = $"Delivery spec: one of {string.Join(", ", DeliverySpecReader.ShippedNames)}, or a spec JSON file",
        };
        var files = new Argument<string[]>("FILE") { Description = "Prints to check", Arity = ArgumentArity.OneOrMore };
        var dialogue = new Option<string?>("--dialogue") { Description = "DX stem printed with the files (needed for dialogue-gated specs)" };
        var command = new Command("check", "Check prints against a delivery spec (loudness, true peak, loudness range)") { spec, files, dialogue };
        command.SetAction((parse, token) => Task.FromResult(
            Run(parse.GetValue(spec)!, parse.GetValue(files) ?? [], parse.GetValue(dialogue), terminal, token)));
        return command;
    }

    private static int Run(string specName, string[] paths, string? dialoguePath, Terminal terminal, CancellationToken token)
    {
        DeliverySpec spec;
        try
        {
            spec = DeliverySpecReader.Load(specName);
        }
        catch (SessionValidationException e)
        {
            foreach (var p in e.Problems) terminal.Error.WriteLine($"{p.File ?? specName}: {p.JsonPath}: {p.Message}");
            return ExitCode.InvalidInput;
        }
        if (spec.NeedsDialogue && dialoguePath is null)
            terminal.Error.WriteLine($"note: '{spec.Name}' is dialogue-gated; without --dialogue DX_STEM that criterion cannot be measured");

        var (results, failures) = LoudnessCommand.MeasureAll(paths, dialoguePath, terminal, token);
        token.ThrowIfCancellationRequested();
        foreach (var measured in results)
        {
            var report = ComplianceCheck.Evaluate(spec, measured);
            if (!report.Passed) failures++;
            Write(report, terminal);
        }
        return failures == 0 ? ExitCode.Ok : ExitCode.Failed;
    }

    private static void Write(ComplianceReport report, Terminal terminal)
    {
        string verdict = report.Passed ? "PASS" : "FAIL";
        if (terminal.IsInteractive)
        {
            var table = new Table().Title($"{Markup.Escape(report.Path)}: {Markup.Escape(report.Spec)}: {verdict}")
                .AddColumns("criterion", "measured", "requirement", "margin", "verdict");
            foreach (var c in report.Criteria)
                table.AddRow(Markup.Escape(c.Criterion), $"{LoudnessCommand.Format(c.Measured)} {c.Unit}", Markup.Escape(c.Requirement),
                    LoudnessCommand.Format(c.Margin), c.Verdict.ToString());
            terminal.Ansi.Write(table);
        }
        else
        {
            terminal.Output.WriteLine($"{report.Path}: {report.Spec}: {verdict}");
            foreach (var c in report.Criteria)
                terminal.Output.WriteLine($"  {c.Verdict,-11} {c.Criterion}: {LoudnessCommand.Format(c.Measured)} {c.Unit}, required {c.Requirement}, margin {LoudnessCommand.Format(c.Margin)}");
        }
        terminal.Output.WriteLine(report.Binding is null ? "  binding constraint: none measured" : $"  binding constraint: {report.Binding}");
    }
}
