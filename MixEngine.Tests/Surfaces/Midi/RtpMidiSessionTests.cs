using System.Net;
using System.Net.Sockets;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class RtpMidiSessionTests
{
    [Fact]
    public async Task Two_sessions_connect_sync_and_carry_MIDI_both_ways()
    {
        await using var desk = RtpMidiSession.Listen("desk", IPAddress.Loopback, 0);
        await using var engine = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);

        await engine.InviteAsync(desk.ControlEndPoint, TimeSpan.FromSeconds(20));
        await desk.Connected.WaitAsync(TimeSpan.FromSeconds(20));
        await desk.SendAsync(new byte[] { 0xE0, 0x00, 0x60 });
        await engine.SendAsync(new byte[] { 0x90, 0x10, 0x7F });
        var atEngine = new byte[3];
        var atDesk = new byte[3];
        int n1 = await engine.ReceiveAsync(atEngine).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        int n2 = await desk.ReceiveAsync(atDesk).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((3, 3), (n1, n2));
        Assert.Equal(new byte[] { 0xE0, 0x00, 0x60 }, atEngine);
        Assert.Equal(new byte[] { 0x90, 0x10, 0x7F }, atDesk);
        Assert.Equal("desk", engine.PeerName);
        Assert.Equal("engine", desk.PeerName);
        Assert.Equal($"rtpmidi:{engine.ControlEndPoint.Port}", engine.Id); // the local port: known before any peer
        Assert.Equal($"desk@{desk.ControlEndPoint}", engine.Peer);
        Assert.Equal(1, engine.ClockSyncCount);
    }

    [Fact]
    public async Task An_invitation_nobody_answers_times_out_naming_the_peer()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)silent.Client.LocalEndPoint!;
        await using var session = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => session.InviteAsync(target, TimeSpan.FromSeconds(1.5)));

        Assert.Contains(target.ToString(), error.Message);
    }

    [Fact]
    public async Task Sending_before_a_session_exists_is_refused()
    {
        await using var session = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAsync(new byte[] { 0xF8 }).AsTask());

        Assert.Contains("no session yet", error.Message);
    }
}
