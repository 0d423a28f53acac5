using System.Diagnostics;
using System.Net;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// An MCU unit behind a network bridge that comes and goes, played by the independent AppleMIDI peer written with the
/// Python standard library (MixEngine.Tests/Data/peers/rtpmidi_peer.py, "script" mode, driven line by line).
/// </summary>
public class McuSurfaceNetworkPeerTests
{
    private const string Python = "/usr/bin/python3";

    private sealed class ScriptedPeer : IDisposable
    {
        private readonly Process _process;

        public ScriptedPeer(int port)
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/rtpmidi_peer.py"));
            psi.ArgumentList.Add("script");
            psi.ArgumentList.Add(port.ToString());
            _process = Process.Start(psi)!;
        }

        public void Do(string command)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
        }

        /// <summary>Reads lines until every one of <paramref name="expected"/> has been printed (each within 20 s); returns all lines read.</summary>
        public async Task<List<string>> ReadThrough(params string[] expected)
        {
            var lines = new List<string>();
            while (!expected.All(lines.Contains))
            {
                string? line;
                try { line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)); }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"after 20 s the peer had printed [{string.Join(", ", lines)}] but not [{string.Join(", ", expected.Except(lines))}]");
                }
                if (line is null) throw new InvalidOperationException("peer ended early: " + await _process.StandardError.ReadToEndAsync());
                lines.Add(line);
            }
            return lines;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Do("quit");
                if (!_process.WaitForExit(5000)) _process.Kill();
            }
            _process.Dispose();
        }
    }

    private static string Midi(byte[] bytes) => "MIDI " + Convert.ToHexString(bytes);

    [PeerFact(Python)]
    public async Task A_bridge_that_says_BY_and_joins_again_from_new_ports_gets_the_whole_state_and_MIDI_flows_both_ways_again()
    {
        await using var session = RtpMidiSession.Listen("MixEngine", IPAddress.Loopback, 0);
        await using var f = new McuSurfaceFixture(ports: [session], options: new McuSurfaceOptions { MasterStrip = "bus/pm" });
        var fader = f.Handle("track/Dialog 1/fader");
        var other = f.Control.RegisterClient("other");
        using var peer = new ScriptedPeer(session.ControlEndPoint.Port);

        peer.Do("join");
        await peer.ReadThrough("UP MixEngine", Midi(McuSysEx.MeterMode(0x14, 0, 0x03)), Midi(McuLcd.WriteStrip(0x14, 0, 0, "Dialog 1")), "MIDI E00060");
        peer.Do("send E00040"); // strip 1 to −10 dB (8192): the engine takes it and echoes it
        await peer.ReadThrough("MIDI E00040");
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(f.Control.GetParameter(fader) + 10.0) < 0.005, 10_000)); // one 14-bit step ≈ 0.003 dB here
        peer.Do("bye");
        await peer.ReadThrough("BYE");
        Assert.True(SpinWait.SpinUntil(() => f.Surface.Online.SequenceEqual([false]), 10_000));

        f.Control.SetParameter(other, fader, -20.0); // moved while the bridge is away
        peer.Do("join");
        await peer.ReadThrough("UP MixEngine", Midi(McuSysEx.MeterMode(0x14, 0, 0x03)), Midi(McuLcd.WriteStrip(0x14, 0, 0, "Dialog 1")), "MIDI E03326"); // −20 dB = 4915
        peer.Do("send 90107F"); // MUTE strip 1 pressed: the LED lights from engine state
        await peer.ReadThrough("MIDI 90107F");
        Assert.True(SpinWait.SpinUntil(() => f.Control.GetParameter(f.Handle("track/Dialog 1/mute")) >= 0.5, 10_000));
        Assert.Equal(2, session.Connections);
    }
}
