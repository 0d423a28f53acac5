using System.Text.Json.Nodes;
using MixEngine.Tests.Files;
using MixEngine.Tests.Server;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// A real <c>mixengine serve</c> process driven by Debian python3-grpcio with stubs that python3-grpc-tools generates
/// from protos/ at test time (Data/peers/grpc_client.py): load, set and read back, an event seen by a second client,
/// a role refusal, and a render job followed to completion whose print must equal the CLI's render sample for sample.
/// </summary>
public class GrpcPeerTests
{
    [PeerFact("/usr/bin/python3")]
    public void A_python_grpcio_client_loads_rides_a_fader_sees_events_and_renders_the_same_print_as_the_cli()
    {
        using var folder = new SineSessionFolder();
        using var stubs = new TempFolder();
        string protos = RepositoryFiles.PathOf("protos");
        string[] generate =
        [
            "-m", "grpc_tools.protoc", $"-I{protos}", "-I/usr/lib/python3/dist-packages/grpc_tools/_proto",
            $"--python_out={stubs.Path}", $"--grpc_python_out={stubs.Path}", .. Directory.GetFiles(Path.Combine(protos, "mixengine", "v1"), "*.proto"),
        ];
        var (genExit, _, genErr) = PeerTools.Run("/usr/bin/python3", generate);
        Assert.True(genExit == 0, genErr);
        string config = Path.Combine(folder.Directory, "grpc.json");
        File.WriteAllText(config, $$"""
            { "apiKeys": [
                { "name": "qc", "key": "{{GrpcFixture.ObserverKey}}", "role": "observer" },
                { "name": "desk", "key": "{{GrpcFixture.MixerKey}}", "role": "mixer" },
                { "name": "ops", "key": "{{GrpcFixture.AdminKey}}", "role": "admin" } ],
              "mediaRoot": ".", "renderRoot": "renders" }
            """);
        Directory.CreateDirectory(Path.Combine(folder.Directory, "renders"));
        using var serve = new ServeProcess(folder.Directory, "--session", folder.SessionPath, "--grpc-config", config);
        int port = serve.Port;
        var (exit, stdout, stderr) = PeerTools.Run("/usr/bin/python3", RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/grpc_client.py"),
            stubs.Path, port.ToString(), GrpcFixture.ObserverKey, GrpcFixture.MixerKey, GrpcFixture.AdminKey);
        Assert.True(exit == 0, $"{stderr}\nserve exited: {serve.HasExited} {serve.Errors}");
        var seen = JsonNode.Parse(stdout)!;
        Assert.Equal(2, (long)seen["loaded_revision"]!);
        Assert.Equal(-6.5, (double)seen["read_back"]!);
        Assert.True((bool)seen["event_seen"]!);
        Assert.Equal("grpc desk", (string?)seen["event_source"]);
        Assert.Equal("PERMISSION_DENIED", (string?)seen["observer_set"]);
        var states = seen["states"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal("RENDER_JOB_STATE_SUCCEEDED", states[^1]);
        string print = (string)seen["prints"]![0]!;

        using var cli = new TempFolder();
        var saved = Path.Combine(folder.Directory, "as-rendered.json");
        File.WriteAllText(saved, File.ReadAllText(folder.SessionPath).Replace("\"output\": \"pm\",", "\"output\": \"pm\", \"strip\": { \"fader\": -6.5 },"));
        var (cliExit, _, cliErr) = CliRun.Run("render", saved, "--out", cli.Path);
        Assert.True(cliExit == 0, cliErr);
        Assert.Equal(PrintFixtures.ReadAll(Path.Combine(cli.Path, "PM.wav"))[0], PrintFixtures.ReadAll(print)[0]); // identical samples: same session and fader, same offline driver
    }
}
