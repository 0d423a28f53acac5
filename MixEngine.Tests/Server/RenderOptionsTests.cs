using System.CommandLine;
using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class RenderOptionsTests
{
    private static (RenderOptions Options, ParseResult Result) Parse(params string[] args)
    {
        var options = new RenderOptions();
        var command = new RootCommand();
        options.AddTo(command);
        return (options, command.Parse(args));
    }

    [Fact]
    public void Threads_and_block_default_to_the_core_count_and_4096()
    {
        var (o, r) = Parse("s.json", "--out", "dir");
        Assert.Empty(r.Errors);
        Assert.Equal(Environment.ProcessorCount, r.GetValue(o.Threads));
        Assert.Equal(4096, r.GetValue(o.Block));
        Assert.Null(r.GetValue(o.Range));
        Assert.Equal("dir", r.GetValue(o.Out));
        Assert.Equal("s.json", r.GetValue(o.Session));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65537")]
    [InlineData("-4")]
    public void A_block_size_outside_1_to_65536_is_an_error_naming_the_option(string block)
    {
        var (_, r) = Parse("s.json", "--out", "dir", "--block", block);
        var error = Assert.Single(r.Errors);
        Assert.Contains("--block must be between 1 and 65536", error.Message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65536")]
    public void Block_sizes_at_the_limits_are_accepted(string block)
    {
        var (o, r) = Parse("s.json", "--out", "dir", "--block", block);
        Assert.Empty(r.Errors);
        Assert.Equal(int.Parse(block), r.GetValue(o.Block));
    }

    [Fact]
    public void Zero_threads_is_an_error_naming_the_option()
    {
        var (_, r) = Parse("s.json", "--out", "dir", "--threads", "0");
        Assert.Contains(r.Errors, e => e.Message.Contains("--threads must be between 1 and 1024"));
    }

    [Fact]
    public void The_output_directory_is_required()
    {
        var (_, r) = Parse("s.json");
        Assert.Contains(r.Errors, e => e.Message.Contains("--out"));
    }
}
