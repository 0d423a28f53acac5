using MixEngine.Protocol.Security;
using MixEngine.Server.Cli;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

/// <summary>
/// <c>mixengine serve --grpc ADDRESS:PORT|off</c> and <c>--grpc-config FILE</c> (docs/grpc.md, Configuration):
/// what each form parses to, and every bad form refused with exit 2 naming the option or the file and JSON path.
/// </summary>
public class ServeGrpcOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1:50051", "127.0.0.1", 50051)]
    [InlineData("0.0.0.0:6000", "0.0.0.0", 6000)]
    [InlineData("[::1]:50052", "::1", 50052)]
    [InlineData("localhost:0", "localhost", 0)]
    public void An_address_and_port_parse_to_the_listen_endpoint(string option, string host, int port)
    {
        using var folder = new SineSessionFolder();
        var options = ServeCommand.GrpcOptions(option, null, SessionReader.Load(folder.SessionPath), 256)!;
        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
        Assert.Equal(folder.Directory, options.MediaRoot);
        Assert.Equal(Environment.CurrentDirectory, options.RenderRoot);
        Assert.Empty(options.ApiKeys);
        Assert.Null(options.CertificatePath);
    }

    [Fact]
    public void Off_turns_the_service_off_and_refuses_a_config_beside_it()
    {
        using var folder = new SineSessionFolder();
        var session = SessionReader.Load(folder.SessionPath);
        Assert.Null(ServeCommand.GrpcOptions("off", null, session, 256));
        var e = Assert.Throws<ArgumentException>(() => ServeCommand.GrpcOptions("off", "grpc.json", session, 256));
        Assert.Contains("--grpc-config given with --grpc off", e.Message);
    }

    [Theory]
    [InlineData("50051", "expected ADDRESS:PORT")]
    [InlineData("127.0.0.1:http", "expected ADDRESS:PORT")]
    [InlineData("127.0.0.1:70000", "expected ADDRESS:PORT")]
    [InlineData("mixer.local:50051", "'mixer.local' is not an IP address or localhost")]
    public void A_malformed_address_is_refused_with_exit_2_naming_it(string option, string expected)
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--grpc", option);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains($"--grpc {option}", err);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void An_address_reachable_from_other_machines_without_keys_is_refused()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--grpc", "0.0.0.0:50051");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("no apiKeys are configured", err);
    }

    [Fact]
    public void A_config_file_sets_keys_roots_tls_and_limits_with_paths_relative_to_its_folder()
    {
        using var folder = new SineSessionFolder();
        Directory.CreateDirectory(Path.Combine(folder.Directory, "prints"));
        string config = folder.Write("grpc.json", """
            { "certificate": "tls/server.pem", "certificateKey": "tls/server.key", "requireTls": true,
              "apiKeys": [ { "name": "tablet", "key": "0123456789abcdef", "role": "mixer" },
                           { "name": "conform", "key": "fedcba9876543210", "role": "admin" } ],
              "mediaRoot": ".", "renderRoot": "prints", "maxRequestBytes": 65536, "maxStreams": 8, "maxStreamsPerConnection": 16 }
            """);
        var options = ServeCommand.GrpcOptions("0.0.0.0:50051", config, SessionReader.Load(folder.SessionPath), 256)!;
        Assert.Equal(Path.Combine(folder.Directory, "tls", "server.pem"), options.CertificatePath);
        Assert.Equal(Path.Combine(folder.Directory, "tls", "server.key"), options.CertificateKeyPath);
        Assert.True(options.RequireTls);
        Assert.Equal([("tablet", Role.Mixer), ("conform", Role.Admin)], options.ApiKeys.Select(k => (k.Name, k.Role)));
        Assert.Equal(folder.Directory, options.MediaRoot);
        Assert.Equal(Path.Combine(folder.Directory, "prints"), options.RenderRoot);
        Assert.Equal((65536, 8, 16), (options.MaxRequestBytes, options.MaxStreams, options.MaxStreamsPerConnection));
    }

    [Theory]
    [InlineData("""{ "requireTls": true }""", "requireTls is set but no certificate is configured")]
    [InlineData("""{ "certificate": "missing.pem" }""", "missing.pem does not exist")]
    [InlineData("""{ "tls": true }""", "$.tls is not a setting")]
    [InlineData("""{ "requireTls": "yes" }""", "$.requireTls must be true or false")]
    [InlineData("""{ "apiKeys": [ { "name": "a", "key": "0123456789abcdef", "role": "root" } ] }""", "$.apiKeys[0].role 'root' is not a role")]
    [InlineData("""{ "apiKeys": [ { "name": "a", "key": "short", "role": "admin" } ] }""", "$.apiKeys[0].key is 5 characters")]
    [InlineData("""{ "apiKeys": [ { "key": "0123456789abcdef", "role": "admin" } ] }""", "$.apiKeys[0].name is missing")]
    [InlineData("""{ "maxStreams": 0 }""", "maxStreams 0 is out of range")]
    [InlineData("""{ "maxRequestBytes": 1.5 }""", "$.maxRequestBytes must be an integer")]
    [InlineData("""{ "mediaRoot": "nowhere" }""", "mediaRoot")]
    [InlineData("""{ "apiKeys": """, "not valid JSON")]
    public void A_bad_config_file_is_refused_with_exit_2_naming_the_setting(string json, string expected)
    {
        using var folder = new SineSessionFolder();
        string config = folder.Write("grpc.json", json);
        var (exit, _, err) = CliRun.Run("serve", "--session", folder.SessionPath, "--device", "null", "--grpc-config", config);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void A_missing_config_file_is_refused_naming_it()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--grpc-config", "/nonexistent/grpc.json");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--grpc-config /nonexistent/grpc.json does not exist", err);
    }
}
