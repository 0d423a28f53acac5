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

    private static async Task<AppleMidiCommand> Invite(UdpClient from, IPEndPoint to, uint token)
    {
        await from.SendAsync(new AppleMidiCommand(AppleMidiCommandKind.Invitation, 0x1234, token, "other").Encode(), to);
        var answer = await from.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return AppleMidiCommand.Decode(answer.Buffer);
    }

    [Fact]
    public async Task An_invitation_from_another_host_is_rejected_while_a_peer_is_connected_and_accepted_after_it_leaves()
    {
        await using var desk = RtpMidiSession.Listen("desk", IPAddress.Loopback, 0);
        var first = RtpMidiSession.Listen("first", IPAddress.Loopback, 0);
        await first.InviteAsync(desk.ControlEndPoint, TimeSpan.FromSeconds(20));
        using var otherHost = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0)); // all of 127/8 is loopback on Linux

        var refused = await Invite(otherHost, desk.ControlEndPoint, 7);
        await first.DisposeAsync(); // BY
        Assert.True(SpinWait.SpinUntil(() => !desk.IsConnected, 10_000));
        var accepted = await Invite(otherHost, desk.ControlEndPoint, 8);

        Assert.Equal((AppleMidiCommandKind.Rejected, 7u), (refused.Kind, refused.Token));
        Assert.Equal((AppleMidiCommandKind.Accepted, 8u), (accepted.Kind, accepted.Token));
        Assert.Equal("other", desk.PeerName);
    }

    [Fact]
    public async Task A_peer_inviting_again_from_the_same_host_replaces_its_old_stay_and_MIDI_goes_to_the_new_one()
    {
        await using var desk = RtpMidiSession.Listen("desk", IPAddress.Loopback, 0);
        await using var before = RtpMidiSession.Listen("bridge", IPAddress.Loopback, 0);
        await using var after = RtpMidiSession.Listen("bridge restarted", IPAddress.Loopback, 0);
        var changes = new List<bool>();
        desk.ConnectionChanged += (_, connected) => { lock (changes) changes.Add(connected); };

        await before.InviteAsync(desk.ControlEndPoint, TimeSpan.FromSeconds(20));
        Assert.True(SpinWait.SpinUntil(() => desk.IsConnected, 10_000));
        await after.InviteAsync(desk.ControlEndPoint, TimeSpan.FromSeconds(20)); // no BY from the old one: it lost power
        Assert.True(SpinWait.SpinUntil(() => desk.Connections == 2, 10_000));
        await desk.SendAsync(new byte[] { 0x90, 0x10, 0x7F });
        await after.SendAsync(new byte[] { 0xE0, 0x00, 0x40 });
        var atAfter = new byte[3];
        var atDesk = new byte[3];
        await after.ReceiveAsync(atAfter).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        await desk.ReceiveAsync(atDesk).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(new byte[] { 0x90, 0x10, 0x7F }, atAfter);
        Assert.Equal(new byte[] { 0xE0, 0x00, 0x40 }, atDesk);
        lock (changes) Assert.Equal([true, false, true], changes);
        Assert.Equal("bridge restarted", desk.PeerName);
    }

    [Fact]
    public async Task A_silent_peer_is_dropped_after_the_peer_timeout_and_told_BY()
    {
        await using var desk = RtpMidiSession.Listen("desk", IPAddress.Loopback, 0);
        desk.PeerTimeout = TimeSpan.FromMilliseconds(500);
        using var control = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var data = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.Equal(AppleMidiCommandKind.Accepted, (await Invite(control, desk.ControlEndPoint, 9)).Kind);
        Assert.Equal(AppleMidiCommandKind.Accepted, (await Invite(data, new IPEndPoint(IPAddress.Loopback, desk.ControlEndPoint.Port + 1), 9)).Kind);
        Assert.True(desk.IsConnected);

        var bye = AppleMidiCommand.Decode((await control.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(20))).Buffer); // it never syncs

        Assert.Equal(AppleMidiCommandKind.End, bye.Kind);
        Assert.Equal(9u, bye.Token);
        Assert.False(desk.IsConnected);
        Assert.Equal(1, desk.Timeouts);
    }
}
