using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>liblo's command-line tools (liblo-tools) as independent OSC clients of the surface.</summary>
public class OscSurfacePeerTests
{
    [PeerFact("oscsend", "oscdump")]
    public async Task A_fader_set_by_oscsend_changes_the_parameter_and_reaches_a_client_registered_to_oscdump()
    {
        await using var f = new OscSurfaceFixture();
        int surfacePort = f.Udp.LocalEndPoint.Port;
        int dumpPort = FreeUdpPort();
        using var dump = Process.Start(new ProcessStartInfo(PeerTools.Find("oscdump")!, ["-L", dumpPort.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            var lines = new List<string>();
            var reading = dump.StandardOutput.ReadLineAsync();
            bool Read(Func<string, bool> until, int ms)
            {
                var deadline = DateTime.UtcNow.AddMilliseconds(ms);
                while (DateTime.UtcNow < deadline && reading.Wait(deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
                {
                    if (reading.Result is not { } line) return false;
                    lines.Add(line);
                    reading = dump.StandardOutput.ReadLineAsync();
                    if (until(line)) return true;
                }
                return false;
            }

            // Registration from oscsend's (short-lived) port, replies redirected to oscdump's port: the 7th /set_surface argument.
            // oscdump needs a moment to bind, so register until its full state (the names) shows up.
            bool registered = false;
            for (int attempt = 0; attempt < 20 && !registered; attempt++)
            {
                Send(surfacePort, "/set_surface", "iiiiiii", "0", "159", "3", "1", "0", "0", dumpPort.ToString());
                registered = Read(l => l.Contains("/strip/name is 1 \"DX 1\""), 500);
            }
            Assert.True(registered, string.Join('\n', lines));

            Send(surfacePort, "/strip/fader", "if", "1", "0.5");

            Assert.True(Read(l => l.EndsWith("/strip/fader if 1 0.500000"), 10_000), string.Join('\n', lines));
            Assert.Equal(0.5, f.Control.Control.GetNormalized(f.Control.Control.Resolve("track/DX 1/fader")), 6); // float32: 1e-6
        }
        finally
        {
            dump.Kill();
            dump.WaitForExit();
        }
    }

    private static void Send(int port, string address, string types, params string[] values)
    {
        var (exit, _, stderr) = PeerTools.Run("oscsend", ["127.0.0.1", port.ToString(), address, types, .. values]);
        Assert.True(exit == 0, stderr);
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
