using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>
/// liblo's tools against a real <c>mixengine serve</c> process (null device, OSC on a free loopback port, gRPC off) over
/// the sine session (strip 1 track "DX 1", strip 2 bus "Printmaster"). Each client is one <c>oscsendfile</c> run (one
/// socket, so one client for its whole script, its messages spaced by their time stamps) whose feedback is redirected
/// by <c>/set_surface</c>'s port argument to an <c>oscdump</c>.
/// </summary>
public sealed class OscServePeerTests
{
    [PeerFact("oscsendfile", "oscdump")]
    public void Two_liblo_clients_see_a_move_feedback_without_echo_to_the_toucher_a_full_refresh_and_banking()
    {
        using var session = new SineSessionFolder();
        int oscPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        using var serve = new ServeRun(session.SessionPath, "--device", "null", "--grpc", "off", "--osc-port", oscPort.ToString(CultureInfo.InvariantCulture));
        using var watcherDump = new Dump();
        using var toucherDump = new Dump();
        serve.WaitFor("OSC: UDP on");

        // The watcher: bank of 1 strip with meters (feedback 3 + 128), then (t = 5 s) /refresh, (t = 6 s) /bank_up, (t = 7 s)
        // play. The toucher's move (its t = 1.7 s) must come before the /refresh: 3.3 s of margin for a process held up on a
        // loaded machine.
        var watcher = Script(
            (0.0, $"/set_surface iiiiiii 1 159 131 0 0 0 {watcherDump.Port}"),
            (5.0, "/refresh f 1.0"),
            (6.0, "/bank_up f 1.0"),
            (7.0, "/transport_play f 1.0"));
        // The toucher (from t = 1 s): registers, touches strip 1's gain and moves it to −10 dB, holding the touch.
        var toucher = Script(
            (1.0, $"/set_surface iiiiiii 1 159 3 0 0 0 {toucherDump.Port}"),
            (1.5, "/strip/gain/touch ii 1 1"),
            (1.7, "/strip/gain if 1 -10.0"));
        try
        {
            using var toucherRun = Process.Start(PeerTools.Find("oscsendfile")!, ["127.0.0.1", oscPort.ToString(CultureInfo.InvariantCulture), toucher])!;
            var (exit, _, stderr) = PeerTools.Run("oscsendfile", "127.0.0.1", oscPort.ToString(CultureInfo.InvariantCulture), watcher);
            Assert.True(exit == 0, stderr);
            toucherRun.WaitForExit();
            Assert.Equal(0, toucherRun.ExitCode);
        }
        finally
        {
            File.Delete(watcher);
            File.Delete(toucher);
        }

        // A move by one client reaches the other as feedback; −10 dB twice: once as the change, once in the /refresh state.
        Assert.True(watcherDump.WaitFor(lines => lines.Count(l => l.EndsWith("/strip/gain if 1 -10.000000")) >= 2), watcherDump.Text);
        // Banking: after /bank_up the one-strip bank shows the bus, and the bank buttons say a bank lies to the left only.
        Assert.True(watcherDump.WaitFor(lines => lines.Any(l => l.EndsWith("/strip/name is 1 \"Printmaster\""))), watcherDump.Text);
        Assert.True(watcherDump.WaitFor(lines => lines.Any(l => l.EndsWith("/bank_down f 1.000000"))), watcherDump.Text);
        // Playing: the bus meter shows the sine's −6.0 dBFS peak through the toucher's −10 dB fader (0.1 dB steps).
        Assert.True(watcherDump.WaitFor(lines => lines.Any(l => l.EndsWith("/strip/meter if 1 -16.000000"))), watcherDump.Text);
        // The toucher got its own full state (names) but never its own move back: the touched control is not echoed.
        Assert.True(toucherDump.WaitFor(lines => lines.Any(l => l.EndsWith("/strip/name is 1 \"DX 1\""))), toucherDump.Text);
        Assert.DoesNotContain(toucherDump.Lines, l => l.Contains("/strip/gain if 1 -10"));
        // The toucher still holds its touch; the server's statistics line counts both clients.
        serve.WaitFor("OSC: clients 2");
    }

    /// <summary>Writes an oscsendfile script: each line "seconds.fraction address types args" (liblo reads oscdump's format).</summary>
    private static string Script(params (double At, string Message)[] lines)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mixengine-osc-{Guid.NewGuid():N}.txt");
        // NTP-style stamps: 32 bits of seconds and 32 of fraction, in hex; only the differences matter.
        File.WriteAllLines(path, lines.Select(l => $"{(uint)(100 + Math.Floor(l.At)):x8}.{(uint)((l.At - Math.Floor(l.At)) * 4294967296.0):x8} {l.Message}"));
        return path;
    }
    [PeerFact("oscsendfile", "oscdump")]
    public void A_liblo_client_adds_markers_the_Ardour_way_and_ours_and_reads_the_list_back_as_liblo_decodes_it()
    {
        using var session = new SineSessionFolder();
        int oscPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        using var serve = new ServeRun(session.SessionPath, "--device", "null", "--grpc", "off", "--osc-port", oscPort.ToString(CultureInfo.InvariantCulture));
        using var dump = new Dump();
        serve.WaitFor("OSC: UDP on");
        var script = Script(
            (0.0, $"/set_surface/port i {dump.Port}"),
            (0.5, "/mixengine/markers"),
            (1.0, "/add_marker s Reel-1"), // oscsendfile splits arguments at spaces, so the names have none
            (1.5, "/mixengine/marker/add si Sc-2 48000"));
        try
        {
            var (exit, _, stderr) = PeerTools.Run("oscsendfile", "127.0.0.1", oscPort.ToString(CultureInfo.InvariantCulture), script);
            Assert.True(exit == 0, stderr);
        }
        finally
        {
            File.Delete(script);
        }
        // liblo decodes the list message by its type tags: int32 number, name, int64 position, label, int64 end (−1: a point), colour, comment.
        // The count comes first and each marker in its own datagram after it, so wait for the lines themselves.
        Assert.True(dump.WaitFor(lines => lines.Any(l => l.EndsWith("/mixengine/markers i 2"))), dump.Text);
        Assert.True(dump.WaitFor(lines => lines.Any(l => l.EndsWith("/mixengine/marker ishshss 1 \"Reel-1\" 0 \"01:00:00:00\" -1 \"\" \"\""))), dump.Text);
        Assert.True(dump.WaitFor(lines => lines.Any(l => l.EndsWith("/mixengine/marker ishshss 2 \"Sc-2\" 48000 \"01:00:01:00\" -1 \"\" \"\""))), dump.Text);
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>An oscdump on a free port, its lines collected.</summary>
    private sealed class Dump : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public Dump()
        {
            Port = FreePort(SocketType.Dgram, ProtocolType.Udp);
            var psi = new ProcessStartInfo(PeerTools.Find("oscdump")!, ["-L", Port.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            _process = Process.Start(psi)!;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.BeginOutputReadLine();
        }

        public int Port { get; }

        public string[] Lines => [.. _lines];

        public string Text => string.Join('\n', _lines);

        public bool WaitFor(Func<string[], bool> condition) => SpinWait.SpinUntil(() => condition(Lines), 15_000);

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }

    /// <summary><c>mixengine serve</c> as a child process with its output collected; killed on dispose.</summary>
    private sealed class ServeRun : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        public ServeRun(string session, params string[] options)
        {
            var psi = new ProcessStartInfo(PeerTools.Find("dotnet") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "MixEngine.Server.dll"), "serve", "--session", session, "--stats", "1", .. options])
                psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>Waits up to 60 s for an output line containing <paramref name="text"/>; fails with the output so far.</summary>
        public void WaitFor(string text)
        {
            bool seen = SpinWait.SpinUntil(() => _output.Any(l => l.Contains(text, StringComparison.Ordinal)) || _process.HasExited, 60_000);
            Assert.True(seen && !_process.HasExited, $"serve did not say '{text}':\n{string.Join('\n', _output)}");
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
