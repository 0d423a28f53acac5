using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MixEngine.Server.Cli;

/// <summary>
/// The CLI's structured log: Serilog to standard error (results stay alone on standard output), warnings and errors
/// by default, debug detail with <c>--verbose</c>. Created once per run on the main thread; the logger is thread-safe.
/// </summary>
public static class CliLogging
{
    /// <summary>The level used without <c>--verbose</c>.</summary>
    public const LogEventLevel DefaultLevel = LogEventLevel.Warning;

    /// <summary>The level used with <c>--verbose</c>.</summary>
    public const LogEventLevel VerboseLevel = LogEventLevel.Debug;

    /// <summary>Creates the run's logger; <paramref name="level"/> may be raised after the command line is parsed.</summary>
    public static Logger Create(LoggingLevelSwitch level) =>
        new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.WithProperty("Program", "mixengine")
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
}
