namespace MixEngine.Server.Cli;

/// <summary>The process exit codes every `mixengine` verb uses (documented in docs/cli.md).</summary>
public static class ExitCode
{
    /// <summary>The verb did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The render (or another verb's work) failed after its input was accepted; the message names the file.</summary>
    public const int Failed = 1;

    /// <summary>The input was refused before any output was touched: bad options, missing or invalid session.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted by Ctrl+C (SIGINT) or SIGTERM; no partial output is left behind.</summary>
    public const int Cancelled = 130;
}
