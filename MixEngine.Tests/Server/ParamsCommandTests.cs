using System.Text.Json;
using MixEngine.Server.Cli;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public sealed class ParamsCommandTests
{
    [Fact]
    public void The_table_lists_the_track_fader_with_its_unit_range_default_and_value()
    {
        using var folder = new SineSessionFolder();
        var (exit, stdout, err) = CliRun.Run("params", folder.SessionPath);
        Assert.True(exit == ExitCode.Ok, err);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Address", lines[0]);
        var fader = Assert.Single(lines, l => l.StartsWith("track/DX 1/fader "));
        Assert.Matches(@"^track/DX 1/fader\s+dB\s+-inf \.\. 12\s+0\s+0\s+yes$", fader.TrimEnd());
    }

    [Fact]
    public void Json_output_writes_minus_infinity_as_a_string_and_every_field()
    {
        using var folder = new SineSessionFolder();
        var (exit, stdout, err) = CliRun.Run("params", folder.SessionPath, "--json");
        Assert.True(exit == ExitCode.Ok, err);
        using var doc = JsonDocument.Parse(stdout);
        var fader = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("address").GetString() == "track/DX 1/fader");
        Assert.Equal("dB", fader.GetProperty("unit").GetString());
        Assert.Equal("-inf", fader.GetProperty("minimum").GetString());
        Assert.Equal(12, fader.GetProperty("maximum").GetDouble());
        Assert.Equal(0, fader.GetProperty("default").GetDouble());
        Assert.Equal(0, fader.GetProperty("value").GetDouble());
        Assert.True(fader.GetProperty("automatable").GetBoolean());
    }

    [Fact]
    public void An_invalid_session_exits_2()
    {
        using var folder = new SineSessionFolder();
        string session = folder.Write("broken.json", "{ \"mixengine\": 1 ");
        var (exit, stdout, _) = CliRun.Run("params", session);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Equal("", stdout);
    }
}
