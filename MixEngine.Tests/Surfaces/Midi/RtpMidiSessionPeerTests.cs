using System.Diagnostics;
using System.Net;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Midi;

/// <summary>An AppleMIDI peer written with the Python standard library (MixEngine.Tests/Data/peers/rtpmidi_peer.py).</summary>
public class RtpMidiSessionPeerTests
{
    private const string Python = "/usr/bin/python3";

    private static Process StartPeer(params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/rtpmidi_peer.py"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static async Task<string> Line(Process peer)
    {
        var line = await peer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return line ?? throw new InvalidOperationException("peer ended early: " + await peer.StandardError.ReadToEndAsync());
    }

    private static async Task<byte[]> Receive(IMidiPort port, int count)
    {
        var bytes = new List<byte>();
        var buffer = new byte[64];
        while (bytes.Count < count)
        {
            int n = await port.ReceiveAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            if (n == 0) break;
            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        return [.. bytes];
    }

    [PeerFact(Python)]
    public async Task Inviting_the_peer_completes_the_handshake_and_clock_sync_then_MIDI_flows_both_ways()
    {
        using var peer = StartPeer("listen");
        try
        {
            int port = int.Parse((await Line(peer)).Split(' ')[1]);
            var session = RtpMidiSession.Listen("MixEngine", IPAddress.Loopback, 0);
            await using (session)
            {
                await session.InviteAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(20));

                Assert.Equal("IN control MixEngine", await Line(peer));
                Assert.Equal("IN data MixEngine", await Line(peer));
                Assert.Equal("CK2", await Line(peer));
                Assert.Equal("python-peer", session.PeerName);
                Assert.Equal(1, session.ClockSyncCount);
                Assert.InRange(session.LatencyHundredMicroseconds, 0, 50_000);
                Assert.Equal(new byte[] { 0x90, 0x3C, 0x7F, 0x3D, 0x40, 0xB0, 0x07, 0x64 }, await Receive(session, 8));
                await session.SendAsync(new byte[] { 0x80, 0x3C, 0x00, 0xE0, 0x00, 0x40 });
                Assert.Equal("MIDI 803C00 E00040", await Line(peer));
            }
            Assert.Equal("BY", await Line(peer));
            Assert.True(peer.WaitForExit(20_000));
            Assert.True(peer.ExitCode == 0, await peer.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!peer.HasExited) peer.Kill();
        }
    }

    [PeerFact(Python)]
    public async Task Accepting_the_peers_invitation_answers_clock_sync_carries_MIDI_and_BY_leaves_the_session_waiting()
    {
        await using var session = RtpMidiSession.Listen("MixEngine", IPAddress.Loopback, 0);
        using var peer = StartPeer("invite", session.ControlEndPoint.Port.ToString());
        try
        {
            Assert.Equal("OK control MixEngine", await Line(peer));
            Assert.Equal("OK data MixEngine", await Line(peer));
            Assert.Equal("CK1", await Line(peer));
            await session.Connected.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(new byte[] { 0x90, 0x3C, 0x7F, 0x3D, 0x40, 0xB0, 0x07, 0x64 }, await Receive(session, 8));
            await session.SendAsync(new byte[] { 0x90, 0x68, 0x7F });
            Assert.Equal("MIDI 90687F", await Line(peer));
            Assert.Equal("BY sent", await Line(peer));

            Assert.True(SpinWait.SpinUntil(() => !session.IsConnected, 10_000)); // the session waits for the next invitation
            Assert.False(session.Connected.IsCompleted);
            Assert.Equal(1, session.Connections);
            Assert.Equal("python-peer", session.PeerName);
            Assert.True(SpinWait.SpinUntil(() => session.ClockSyncCount == 1, 10_000));
            Assert.True(peer.WaitForExit(20_000));
            Assert.True(peer.ExitCode == 0, await peer.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!peer.HasExited) peer.Kill();
        }
    }
}
