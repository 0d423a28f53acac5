using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class HuiInputDecoderTests
{
    private static List<HuiEvent> Decode(string hex)
    {
        var sink = new Collect();
        new MidiStreamParser().Push(Convert.FromHexString(hex.Replace(" ", "")), sink);
        var decoder = new HuiInputDecoder();
        var events = new List<HuiEvent>();
        foreach (var m in sink.Messages) if (decoder.TryDecode(m, out var e)) events.Add(e);
        return events;
    }

    private sealed class Collect : IMidiSink
    {
        public List<MidiMessage> Messages { get; } = [];
        public void OnMessage(MidiMessage message) => Messages.Add(message);
        public void OnSysEx(ReadOnlySpan<byte> sysEx) { }
        public void OnMalformed(MidiFault fault) => throw new InvalidOperationException(fault.ToString());
    }

    [Fact]
    public void Fader_touch_and_release_are_zone_strip_port_0_with_running_status()
    {
        Assert.Equal([new HuiEvent(HuiEventKind.Switch, 3, 0, true), new HuiEvent(HuiEventKind.Switch, 3, 0, false)],
            Decode("B0 0F 03 2F 40 0F 03 2F 00"));
    }

    [Fact]
    public void Transport_play_is_zone_0E_port_4()
    {
        Assert.Equal([new HuiEvent(HuiEventKind.Switch, 0x0E, 4, true)], Decode("B0 0F 0E B0 2F 44"));
    }

    [Fact]
    public void A_fader_position_is_applied_when_its_lo_byte_arrives()
    {
        Assert.Equal([new HuiEvent(HuiEventKind.Fader, 2, Value: 0x60 << 7 | 0x05)], Decode("B0 02 60 22 05"));
        Assert.Empty(Decode("B0 22 05"));
    }

    [Theory]
    [InlineData("B0 40 41", HuiEventKind.VPot, 0, 1)]
    [InlineData("B0 47 01", HuiEventKind.VPot, 7, -1)]
    [InlineData("B0 4B 45", HuiEventKind.VPot, 11, 5)]
    [InlineData("B0 0D 03", HuiEventKind.Jog, 0, -3)]
    public void Pots_and_jog_use_the_HUI_sign_bit_6_set_is_clockwise(string hex, HuiEventKind kind, int zone, int delta)
    {
        Assert.Equal([new HuiEvent(kind, zone, Value: delta)], Decode(hex));
    }

    [Fact]
    public void The_ping_reply_is_note_0_velocity_7F()
    {
        Assert.Equal([new HuiEvent(HuiEventKind.PingReply)], Decode("90 00 7F"));
        Assert.Empty(Decode("90 00 00"));
    }
}
