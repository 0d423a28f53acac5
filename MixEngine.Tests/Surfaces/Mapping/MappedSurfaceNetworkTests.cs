using System.Net;
using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mapping;

/// <summary>A mapped device behind an RTP-MIDI session that leaves and joins again (MappedSurface.Sessions.cs), both ends <see cref="RtpMidiSession"/>s on loopback UDP.</summary>
public class MappedSurfaceNetworkTests
{
    private static bool Settles(Func<bool> condition) => MappedSurfaceFixture.Settles(condition);

    private static readonly MappingProfile TouchFader = MappingProfileReader.Parse("""
        { "mixengineSurfaceProfile": 1, "name": "network fader", "strips": 1, "controls": [
          { "name": "fader", "midi": { "type": "cc14", "channel": 1, "number": 16 }, "touch": { "type": "note", "channel": 1, "number": 104 }, "target": "strip/1/fader" } ] }
        """, "network.json");

    private static async Task<(RtpMidiSession Device, McuPeer Peer)> Join(RtpMidiSession engineSide)
    {
        var device = RtpMidiSession.Listen("fader box", IPAddress.Loopback, 0);
        var peer = new McuPeer(device);
        await device.InviteAsync(engineSide.ControlEndPoint, TimeSpan.FromSeconds(20));
        return (device, peer);
    }

    [Fact]
    public async Task A_device_gets_every_value_when_it_joins_its_touch_ends_when_it_leaves_and_it_gets_the_values_again_on_rejoining()
    {
        await using var engineSide = RtpMidiSession.Listen("engine", IPAddress.Loopback, 0);
        await using var f = new MappedSurfaceFixture(TouchFader, port: engineSide);
        var fader = f.Handle("track/Dialog 1/fader");
        var other = f.Control.RegisterClient("other");

        var (first, peer1) = await Join(engineSide);
        var joined = peer1.CollectAll(["B0 10 60", "B0 30 00"]); // Dialog 1 at 0 dB = 12288 = MSB 60, LSB 00, sent on joining
        Assert.Contains("B0 10 60", joined);
        Assert.Contains("B0 30 00", joined);
        peer1.Send(0x90, 0x68, 0x7F); // touch, then the device goes away without releasing
        Assert.True(Settles(() => f.Control.IsTouched(fader)));
        await first.DisposeAsync();
        Assert.True(Settles(() => !f.Control.IsTouched(fader)));

        f.Control.SetParameter(other, fader, -20.0); // changed while the device is away
        var (second, peer2) = await Join(engineSide);
        await using (second)
        {
            var values = peer2.CollectAll(["B0 10 26", "B0 30 33"]); // −20 dB = 4915 = MSB 26, LSB 33
            Assert.Contains("B0 10 26", values);
            Assert.Contains("B0 30 33", values);
        }
    }
}
