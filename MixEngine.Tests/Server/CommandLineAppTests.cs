using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class CommandLineAppTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLineApp.Run(args, Terminal.Plain(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void An_unknown_verb_is_invalid_input_with_a_usage_hint()
    {
        var (exit, _, err) = Run("mixdown-everything");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("mixdown-everything", err);
        Assert.Contains("Run 'mixengine --help' for usage.", err);
    }

    [Fact]
    public void Help_lists_the_global_verbose_option_and_succeeds()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("--verbose", output);
    }
}
