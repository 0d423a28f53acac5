using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MixEngine.Server.Cli;

/// <summary>
/// The arguments of <c>mixengine render</c> and their checks that need no session (the range is checked against the
/// session later, see <see cref="RenderRange"/>). Built once per run on the main thread.
/// </summary>
public sealed class RenderOptions
{
    /// <summary>Smallest accepted <c>--block</c>.</summary>
    public const int MinBlock = 1;

    /// <summary>Largest accepted <c>--block</c>.</summary>
    public const int MaxBlock = 65536;

    /// <summary>Largest accepted <c>--threads</c>.</summary>
    public const int MaxThreads = 1024;

    /// <summary>The block size used without <c>--block</c>.</summary>
    public const int DefaultBlock = MixEngine.Graph.RenderPlanOptions.DefaultBlockSize;

    /// <summary>Creates the arguments with their defaults and validators.</summary>
    public RenderOptions()
    {
        Session = new Argument<string>("SESSION") { Description = "The session file (JSON) to render" };
        Out = new Option<string>("--out", "-o")
        {
            Description = "Directory the prints and render-report.json are written to (created when missing)",
            Required = true,
            HelpName = "DIR",
        };
        Range = new Option<string?>("--range")
        {
            Description = "Part of the timeline to print: START-END as timecodes at the session rate (01:00:10:00-01:00:20:00, end exclusive) or sample numbers from the session start",
            HelpName = "START-END",
        };
        Threads = new Option<int>("--threads")
        {
            Description = "Render worker threads (output is bit-identical for any count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        Threads.Validators.Add(r =>
        {
            if (Given(r) is { } n && n is < 1 or > MaxThreads) r.AddError($"--threads must be between 1 and {MaxThreads}, got {n}");
        });
        Block = new Option<int>("--block")
        {
            Description = $"Samples per processing block, {MinBlock}..{MaxBlock} (output is bit-identical for any size)",
            DefaultValueFactory = _ => DefaultBlock,
            HelpName = "N",
        };
        Deliver = new Option<string?>("--deliver")
        {
            Description = "Delivery spec the printmaster must meet (ebu-r128, ebu-r128-s1, atsc-a85, streaming-dialogue-27, or a spec file); exit 1 when it fails",
            HelpName = "SPEC",
        };
        NormalizeTo = new Option<string?>("--normalize-to")
        {
            Description = "Conform the printmaster to a delivery spec's loudness target (spec name or file): gain, plus a true-peak limiter only where the spec's ceiling demands it; the prints are then checked against it",
            HelpName = "SPEC",
        };
        NormalizeBus = new Option<string?>("--normalize-bus")
        {
            Description = "With --normalize-to: the printed bus to conform (id or name) instead of the printmaster",
            HelpName = "BUS",
        };
        Block.Validators.Add(r =>
        {
            if (Given(r) is { } n && n is < MinBlock or > MaxBlock) r.AddError($"--block must be between {MinBlock} and {MaxBlock}, got {n}");
        });
    }

    /// <summary>The session file argument.</summary>
    public Argument<string> Session { get; }

    /// <summary><c>--out DIR</c>.</summary>
    public Option<string> Out { get; }

    /// <summary><c>--range START-END</c>; null when absent (the whole session).</summary>
    public Option<string?> Range { get; }

    /// <summary><c>--threads N</c>.</summary>
    public Option<int> Threads { get; }

    /// <summary><c>--block N</c>.</summary>
    public Option<int> Block { get; }

    /// <summary><c>--deliver SPEC</c>; null when absent.</summary>
    public Option<string?> Deliver { get; }

    /// <summary><c>--normalize-to SPEC</c>; null when absent.</summary>
    public Option<string?> NormalizeTo { get; }

    /// <summary><c>--normalize-bus BUS</c>; null when absent (the printmaster).</summary>
    public Option<string?> NormalizeBus { get; }

    // The integer the user typed, or null when the option was not given (its default is valid) or is not an integer
    // (the parser already reports that with the option's name).
    private static int? Given(OptionResult result) =>
        result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)
            ? n
            : null;

    /// <summary>Adds every argument to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Session);
        command.Options.Add(Out);
        command.Options.Add(Range);
        command.Options.Add(Threads);
        command.Options.Add(Block);
        command.Options.Add(Deliver);
        command.Options.Add(NormalizeTo);
        command.Options.Add(NormalizeBus);
    }
}
