using Spectre.Console;

namespace MixEngine.Server.Cli;

/// <summary>
/// Where a verb writes: its standard output and error, and whether output goes to an interactive terminal
/// (then progress bars and tables are drawn with Spectre.Console; otherwise plain lines that logs and pipes can keep).
/// Used on the CLI's main thread; progress callbacks from render workers go through the progress views.
/// </summary>
public sealed class Terminal
{
    private Terminal(TextWriter output, TextWriter error, bool interactive)
    {
        Output = output;
        Error = error;
        IsInteractive = interactive;
    }

    /// <summary>Standard output: results (summaries, parameter lists, "ok").</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: problems and failures, one per line.</summary>
    public TextWriter Error { get; }

    /// <summary>True when output is a terminal a person watches (not redirected, not a dumb terminal).</summary>
    public bool IsInteractive { get; }

    /// <summary>The Spectre console that draws on <see cref="Output"/> (only meaningful when <see cref="IsInteractive"/>).</summary>
    public IAnsiConsole Ansi => AnsiConsole.Console;

    /// <summary>The process console; call once at startup on the main thread.</summary>
    public static Terminal FromProcess() =>
        new(Console.Out, Console.Error,
            !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb"));

    /// <summary>A non-interactive terminal writing to the given writers (tests, embedding).</summary>
    public static Terminal Plain(TextWriter output, TextWriter error) => new(output, error, false);
}
