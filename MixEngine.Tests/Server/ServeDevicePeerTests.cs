using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

/// <summary>
/// <c>mixengine serve</c> as a separate process on a real jackd (dummy backend): it registers the print-named ports,
/// applies the connection rules, and stops cleanly on SIGTERM; with <c>--device auto</c> and no server it says why and
/// uses the null device.
/// </summary>
public sealed class ServeDevicePeerTests
{
    private sealed class Serve : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public Serve(IDictionary<string, string>? environment, params string[] args)
        {
            var psi = new ProcessStartInfo(PeerTools.Find("dotnet") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MixEngine.Server.dll"));
            psi.ArgumentList.Add("serve");
            foreach (var a in args) psi.ArgumentList.Add(a);
            // No control listeners unless a test asks for one: the default ports (OSC 3819, gRPC 50051) may be taken by a
            // serve running on the same machine.
            if (!args.Contains("--osc-port") && !args.Contains("--no-osc")) psi.ArgumentList.Add("--no-osc");
            if (!args.Contains("--grpc")) { psi.ArgumentList.Add("--grpc"); psi.ArgumentList.Add("off"); }
            foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
            _process = Process.Start(psi)!;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output => string.Join("\n", _lines);

        public void WaitForLine(string text)
        {
            var clock = Stopwatch.StartNew();
            while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (_process.HasExited) throw new InvalidOperationException($"serve exited with {_process.ExitCode} before saying '{text}':\n{Output}");
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"serve did not say '{text}' in 30 s:\n{Output}");
                Thread.Sleep(50);
            }
        }

        public int Terminate()
        {
            kill(_process.Id, 15);
            if (!_process.WaitForExit(20_000)) throw new TimeoutException($"serve did not stop within 20 s of SIGTERM:\n{Output}");
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.Dispose();
        }

        [DllImport("libc")]
        private static extern int kill(int pid, int signal);
    }

    [PeerFact("jackd", "jack_lsp")]
    public void Serve_on_jack_registers_print_named_ports_connects_them_and_stops_cleanly_on_sigterm()
    {
        using var server = new JackServer();
        using var session = new SineSessionFolder();
        using var serve = new Serve(null, "--session", session.SessionPath, "--device", "jack", "--jack-server", server.Name,
            "--client-name", "reel", "--connect", "PM:*=system:playback_1", "--monitor", "pm", "--play", "--stats", "1");
        serve.WaitForLine("Serving session");
        var ports = server.Ports();
        Assert.Contains("reel:PM:C", ports);
        Assert.Contains("reel:monitor:C", ports);
        Assert.Equal(["system:playback_1"], server.ConnectionsOf("reel:PM:C"));
        serve.WaitForLine("Blocks ");
        Assert.Equal(0, serve.Terminate());
        Assert.Contains("Stopped: transport stopped, device stopped", serve.Output);
        Assert.Contains("connected reel:PM:C -> system:playback_1", serve.Output);
        Assert.DoesNotContain("reel:PM:C", server.Ports()); // the client left the server
    }

    [Fact]
    public void Serve_with_device_auto_and_no_jack_server_says_why_and_uses_the_null_device()
    {
        using var session = new SineSessionFolder();
        using var serve = new Serve(new Dictionary<string, string> { ["JACK_DEFAULT_SERVER"] = "nosuchserver" },
            "--session", session.SessionPath, "--device", "auto", "--render-threads", "3", "--play", "--stats", "1");
        serve.WaitForLine("Serving session");
        serve.WaitForLine("Blocks "); // fully up (a stats interval passed) before the signal
        serve.WaitForLine("Render team: 3 threads");
        Assert.Equal(0, serve.Terminate());
        Assert.Contains("JACK is not available (JACK: ", serve.Output);
        Assert.Contains("on device null", serve.Output);
        Assert.Contains("GC: start-up garbage collected before the device starts", serve.Output);
        Assert.Contains("3 render thread(s)", serve.Output);
    }

    [Fact]
    public void Serve_with_print_writes_the_prints_while_playing_and_commits_them_on_sigterm()
    {
        using var session = new SineSessionFolder();
        string folder = Path.Combine(session.Directory, "takes");
        using var serve = new Serve(null, "--session", session.SessionPath, "--device", "null", "--play", "--print", folder, "--stats", "1");
        serve.WaitForLine("Record-print: ");
        Assert.Equal(0, serve.Terminate());
        Assert.Contains("Record-print committed 1 file(s)", serve.Output);
        using var reader = MixEngine.Files.WavFile.OpenRead(Path.Combine(folder, "PM.wav"));
        Assert.True(reader.Info.Frames > 0);
        Assert.Empty(Directory.GetFiles(folder, ".*")); // no temporary file left behind
    }

    [Fact]
    public void Serve_with_block_trace_writes_one_csv_line_per_traced_period_and_logs_the_summary_on_sigterm()
    {
        using var session = new SineSessionFolder();
        string trace = Path.Combine(session.Directory, "trace.csv");
        using var serve = new Serve(null, "--session", session.SessionPath, "--device", "null", "--play", "--block-trace", trace, "--stats", "1");
        serve.WaitForLine("Blocks ");
        Assert.Equal(0, serve.Terminate());
        Assert.Contains("Block trace of ", serve.Output);
        Assert.Contains("block trace: ", serve.Output);
        var lines = File.ReadAllLines(trace);
        Assert.Equal(MixEngine.Realtime.BlockTraceReport.CsvHeader, lines[0]);
        Assert.True(lines.Length > 100, $"{lines.Length - 1} periods in a second or more of serving");
        Assert.All(lines.Skip(1), l => Assert.Equal(17, l.Split(',').Length));
    }

    [Fact]
    public void Sigterm_saves_a_session_changed_while_serving_keeping_the_previous_file_and_leaves_an_unchanged_one_alone()
    {
        using var session = new SineSessionFolder();
        int port = 40000 + Random.Shared.Next(10000);
        using (var serve = new Serve(null, "--session", session.SessionPath, "--device", "null", "--play", "--stats", "1", "--grpc", "off", "--osc-port", $"{port}"))
        {
            serve.WaitForLine("Serving session");
            using var udp = new System.Net.Sockets.UdpClient();
            byte[] message = [.. Padded("/mixengine/param/track/DX%201/fader"), .. Padded(",f"), .. BitConverter.GetBytes(-7.5f).Reverse()];
            udp.Send(message, message.Length, "127.0.0.1", port);
            serve.WaitForLine("packets 1,"); // the listener counted the set, which it applies right after counting
            Assert.Equal(0, serve.Terminate());
            Assert.Contains("Stopped: transport stopped, device stopped", serve.Output);
            Assert.Contains("changed while serving: saved to", serve.Output);
        }
        var saved = MixEngine.Session.SessionReader.Load(session.SessionPath);
        Assert.Equal(-7.5, saved.Tracks[0].Strip.FaderDb); // float32 on the wire: −7.5 is exact
        Assert.Equal(SineSessionFolder.SessionJson, File.ReadAllText(session.SessionPath + ".bak"));

        byte[] before = File.ReadAllBytes(session.SessionPath);
        using (var serve = new Serve(null, "--session", session.SessionPath, "--device", "null", "--stats", "1", "--grpc", "off", "--no-osc"))
        {
            serve.WaitForLine("Blocks ");
            Assert.Equal(0, serve.Terminate());
            Assert.Contains("unchanged (nothing changed while serving)", serve.Output);
        }
        Assert.Equal(before, File.ReadAllBytes(session.SessionPath));
    }

    private static byte[] Padded(string text) => [.. System.Text.Encoding.ASCII.GetBytes(text), .. new byte[4 - text.Length % 4]];
}
