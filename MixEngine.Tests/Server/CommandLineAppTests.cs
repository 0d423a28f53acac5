using MixEngine.Server.Cli;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public sealed class CommandLineAppTests
{
    [Fact]
    public void An_unknown_verb_is_invalid_input_with_a_usage_hint()
    {
        var (exit, _, err) = CliRun.Run("mixdown-everything");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("mixdown-everything", err);
        Assert.Contains("Run 'mixengine --help' for usage.", err);
    }

    [Fact]
    public void Help_lists_the_global_verbose_option_and_succeeds()
    {
        var (exit, output, _) = CliRun.Run("--help");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("--verbose", output);
        Assert.Contains("render", output);
        Assert.Contains("validate", output);
        Assert.Contains("params", output);
    }

    [Fact]
    public void Verbose_is_accepted_after_the_verb()
    {
        using var folder = new SineSessionFolder();
        var (exit, output, _) = CliRun.Run("validate", folder.SessionPath, "--verbose");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.StartsWith("ok", output);
    }
}
