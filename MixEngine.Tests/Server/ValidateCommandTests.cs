using MixEngine.Server.Cli;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public sealed class ValidateCommandTests
{
    [Fact]
    public void A_valid_session_prints_ok_and_a_summary_with_its_extent_as_timecode()
    {
        using var folder = new SineSessionFolder();
        var (exit, stdout, err) = CliRun.Run("validate", folder.SessionPath);
        Assert.True(exit == ExitCode.Ok, err);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("ok", lines[0]);
        Assert.Equal(
            "CLI sine: 1 track, 1 bus, 0 VCAs, 1 output; 48000 Hz, 24 fps; 01:00:00:00-01:00:01:00, duration 00:00:01:00 (1.000 s, 48000 samples)",
            lines[1]);
    }

    [Fact]
    public void An_invalid_session_exits_2_with_one_line_per_problem()
    {
        using var folder = new SineSessionFolder();
        string session = folder.Write("broken.json", SineSessionFolder.SessionJson
            .Replace("\"sampleRate\": 48000", "\"sampleRate\": 12345")
            .Replace("\"output\": \"pm\"", "\"output\": \"nowhere\""));
        var (exit, stdout, err) = CliRun.Run("validate", session);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.DoesNotContain("ok", stdout);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(session, lines[0]);
        Assert.Contains(lines, l => l.StartsWith("$.sampleRate"));
        Assert.Contains(lines, l => l.StartsWith("$.tracks[0].output"));
    }

    [Fact]
    public void A_missing_session_file_exits_2_naming_its_path()
    {
        using var folder = new SineSessionFolder();
        string missing = Path.Combine(folder.Directory, "nope.json");
        var (exit, _, err) = CliRun.Run("validate", missing);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("session file not found: " + missing, err);
    }
}
