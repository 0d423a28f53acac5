using MixEngine.Server.Cli;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public sealed class SessionOpeningTests
{
    private static (object? Session, string Err) Open(string path)
    {
        var error = new StringWriter();
        var session = SessionOpening.TryOpen(path, "test", Terminal.Plain(new StringWriter(), error), Serilog.Core.Logger.None);
        return (session, error.ToString());
    }

    [Fact]
    public void A_valid_session_is_returned_with_nothing_on_standard_error()
    {
        using var folder = new SineSessionFolder();
        var (session, err) = Open(folder.SessionPath);
        Assert.NotNull(session);
        Assert.Equal("", err);
    }

    [Fact]
    public void A_directory_instead_of_a_session_file_is_named_as_such()
    {
        using var folder = new SineSessionFolder();
        var (session, err) = Open(folder.Directory);
        Assert.Null(session);
        Assert.Contains($"{folder.Directory} is a directory; expected a session file", err);
    }

    [Fact]
    public void Each_problem_is_on_its_own_line_after_a_header_counting_them()
    {
        using var folder = new SineSessionFolder();
        string path = folder.Write("two.json", SineSessionFolder.SessionJson
            .Replace("\"rate\": \"24\"", "\"rate\": \"23\"")
            .Replace("\"format\": \"mono\", \"output\": null", "\"format\": \"quad\", \"output\": null"));
        var (session, err) = Open(path);
        Assert.Null(session);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"mixengine test: session {path} has ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("$.timecode.rate: "));
        Assert.Contains(lines, l => l.StartsWith("$.buses[0].format: "));
    }
}
