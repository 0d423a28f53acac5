using System.Net;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>MCU units on RTP-MIDI sessions that leave and join again (McuSurface.Sessions.cs), unit and engine both <see cref="RtpMidiSession"/>s on loopback UDP.</summary>
public class McuSurfaceNetworkTests
{
    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    private static string Hex(params byte[] bytes) => new MidiMessage(bytes[0], bytes[1], bytes.Length > 2 ? bytes[2] : (byte)0).ToString();

    private static string Sys(byte[] sysEx) => "SysEx " + Convert.ToHexString(sysEx);

    /// <summary>What a unit shows right after it joins: meter mode of strip 1, strip 1's name, its fader at unity (0x3000).</summary>
    private static readonly string[] FullState = [Sys(McuSysEx.MeterMode(0x14, 0, 0x03)), Sys(McuLcd.WriteStrip(0x14, 0, 0, "Dialog 1")), Hex(0xE0, 0x00, 0x60)];

    private static async Task<(RtpMidiSession Unit, McuPeer Peer)> Join(RtpMidiSession engineSide)
    {
        var unit = RtpMidiSession.Listen("desk", IPAddress.Loopback, 0);
        var peer = new McuPeer(unit);
        await unit.InviteAsync(engineSide.ControlEndPoint, TimeSpan.FromSeconds(20));
        return (unit, peer);
    }

    [Fact]
    public async Task A_unit_that_says_BY_and_joins_again_gets_its_whole_state_with_what_changed_meanwhile_and_works_again()
    {
        await using var engineSide = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);
        await using var f = new McuSurfaceFixture(ports: [engineSide], options: new McuSurfaceOptions { MasterStrip = "bus/pm" });
        var fader = f.Handle("track/Dialog 1/fader");
        var other = f.Control.RegisterClient("other");

        var (first, peer1) = await Join(engineSide);
        Assert.Subset(peer1.CollectAll(FullState).ToHashSet(), FullState.ToHashSet()); // online on joining, before it says anything
        Assert.True(Settles(() => f.Surface.Online.SequenceEqual([true])));
        peer1.Send(0x90, 0x68, 0x7F); // touch strip 1 and leave without releasing
        Assert.True(Settles(() => f.Control.IsTouched(fader)));
        await first.DisposeAsync(); // BY

        Assert.True(Settles(() => !f.Control.IsTouched(fader))); // no hand can be on a fader that left
        Assert.True(Settles(() => f.Surface.Online.SequenceEqual([false])));
        Assert.False(engineSide.IsConnected);
        f.Control.SetParameter(other, fader, -20.0); // changed while the unit is away

        var (second, peer2) = await Join(engineSide);
        await using (second)
        {
            string[] expected = [Sys(McuSysEx.MeterMode(0x14, 0, 0x03)), Sys(McuLcd.WriteStrip(0x14, 0, 0, "Dialog 1")), Hex(0xE0, 0x33, 0x26)]; // −20 dB = 4915 = 0x1333
            Assert.Subset(peer2.CollectAll(expected).ToHashSet(), expected.ToHashSet());
            peer2.Send(0xE0, 0x00, 0x60); // MIDI from the unit reaches the engine again: unity, echoed
            Assert.NotNull(peer2.WaitFor(m => m == Hex(0xE0, 0x00, 0x60)));
            Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(fader)) < 1e-9));
            Assert.Equal(2, engineSide.Connections);
        }
    }

    [Fact]
    public async Task A_unit_silent_past_the_peer_timeout_goes_offline_its_touch_ends_and_it_is_told_BY()
    {
        await using var engineSide = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);
        engineSide.PeerTimeout = TimeSpan.FromSeconds(1); // the unit's own clock sync comes every 10 s, so it looks silent
        await using var f = new McuSurfaceFixture(ports: [engineSide], options: new McuSurfaceOptions { MasterStrip = "bus/pm" });
        var fader = f.Handle("track/Dialog 1/fader");
        var (unit, peer) = await Join(engineSide);
        await using (unit)
        {
            Assert.Subset(peer.CollectAll(FullState).ToHashSet(), FullState.ToHashSet());
            peer.Send(0x90, 0x68, 0x7F);
            Assert.True(Settles(() => f.Control.IsTouched(fader)));

            Assert.True(Settles(() => engineSide.Timeouts == 1));
            Assert.True(Settles(() => !f.Control.IsTouched(fader)));
            Assert.True(Settles(() => f.Surface.Online.SequenceEqual([false])));
            Assert.True(Settles(() => !unit.IsConnected)); // it heard BY

            await unit.InviteAsync(engineSide.ControlEndPoint, TimeSpan.FromSeconds(20)); // it comes back
            Assert.Subset(peer.CollectAll(FullState).ToHashSet(), FullState.ToHashSet());
            Assert.True(Settles(() => f.Surface.Online.SequenceEqual([true])));
        }
    }
}
