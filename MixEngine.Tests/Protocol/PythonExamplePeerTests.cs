using System.Text.Json.Nodes;
using MixEngine.Server.Demo;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// examples/python/ride_and_render.py, run as the README shows it, against a real <c>mixengine serve</c> process
/// serving the demo: it generates its stubs with python3-grpc-tools, loads the demo, rides a fader, renders and
/// follows the job; the test checks what it reports against the server's files.
/// </summary>
public class PythonExamplePeerTests
{
    [PeerFact("/usr/bin/python3")]
    public void The_python_example_loads_the_demo_rides_a_fader_and_follows_its_render_to_the_prints()
    {
        using var demo = new TempFolder();
        DemoSession.WriteTo(demo.Path, DemoSession.MinimumSeconds, DemoSession.DefaultSeed);
        using var serve = new ServeProcess(demo.Path);
        var (exit, stdout, stderr) = PeerTools.Run("/usr/bin/python3", RepositoryFiles.PathOf("examples/python/ride_and_render.py"),
            "--address", $"127.0.0.1:{serve.Port}", "--session", DemoSession.FileName, "--fader", "track/DX 1/fader",
            "--ride", "-20", "-4", "--out", "take1", "--json");
        Assert.True(exit == 0, $"{stdout}\n{stderr}\nserve exited: {serve.HasExited} {serve.Errors}");
        var summary = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal(-4.0, (double)summary["read_back"]!); // exact: the last value sent is in range and stored as sent
        Assert.Equal(-4.0, (double)summary["last_echo"]!);  // the events stream ends on the same value
        Assert.True((int)summary["echoed"]! >= 1);
        var states = summary["states"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal("succeeded", states[^1]);
        var fractions = summary["fractions"]!.AsArray().Select(f => (double)f!).ToList();
        Assert.Equal(1.0, fractions[^1]);
        Assert.True(fractions.Zip(fractions.Skip(1)).All(p => p.Second >= p.First), string.Join(", ", fractions)); // progress only moves forward
        var prints = summary["prints"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(Path.Combine(demo.Path, "take1", DemoSession.PrintmasterFile), prints);
        Assert.All(prints, p => Assert.True(new FileInfo(p).Length > 44, p));
        Assert.Equal("MixEngine demo", (string?)summary["session"]);
    }
}
