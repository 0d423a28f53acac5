using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiControllerDecoderTests
{
    private static List<MidiControllerEvent> Decode(params (int Channel, int Cc, int Value)[] ccs)
    {
        var decoder = new MidiControllerDecoder();
        var events = new List<MidiControllerEvent>();
        foreach (var (ch, cc, v) in ccs)
            if (decoder.TryDecode(MidiMessage.ControlChange(ch, cc, v), out var e)) events.Add(e);
        return events;
    }

    [Fact]
    public void A_14_bit_pair_combines_MSB_and_LSB_and_a_new_MSB_resets_the_LSB()
    {
        var events = Decode((0, 7, 0x40), (0, 39, 0x11), (0, 39, 0x12), (0, 7, 0x41));

        Assert.Equal([
            new(MidiControllerEventKind.Controller14, 0, 7, 0x40 << 7),
            new(MidiControllerEventKind.Controller14, 0, 7, 0x40 << 7 | 0x11),
            new(MidiControllerEventKind.Controller14, 0, 7, 0x40 << 7 | 0x12),
            new MidiControllerEvent(MidiControllerEventKind.Controller14, 0, 7, 0x41 << 7)], events);
    }

    [Fact]
    public void Pairs_are_kept_per_channel()
    {
        var events = Decode((0, 1, 0x10), (1, 1, 0x20), (0, 33, 0x05));

        Assert.Equal(0x10 << 7 | 0x05, events[2].Value);
    }

    [Fact]
    public void NRPN_data_entry_reports_the_selected_parameter_and_value()
    {
        var events = Decode((2, 99, 0x01), (2, 98, 0x08), (2, 6, 0x40), (2, 38, 0x01), (2, 96, 0x01), (2, 97, 0x02));

        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Nrpn, 2, 0x01 << 7 | 0x08, 0x40 << 7), events[2]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Nrpn, 2, 0x88, 0x2001), events[3]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.NrpnIncrement, 2, 0x88, 1), events[4]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.NrpnDecrement, 2, 0x88, 2), events[5]);
    }

    [Fact]
    public void RPN_null_deselects_so_data_entry_becomes_an_ordinary_controller_again()
    {
        var events = Decode((0, 101, 0), (0, 100, 0), (0, 6, 2), (0, 101, 0x7F), (0, 100, 0x7F), (0, 6, 3));

        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Rpn, 0, 0, 2 << 7), events[2]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Controller14, 0, 6, 3 << 7), events[5]);
    }

    [Fact]
    public void Switching_from_NRPN_to_RPN_needs_both_RPN_bytes()
    {
        var events = Decode((0, 99, 1), (0, 98, 2), (0, 101, 0), (0, 6, 5));

        Assert.Equal(MidiControllerEventKind.Controller14, events[3].Kind);
    }

    [Fact]
    public void Plain_and_channel_mode_controllers_pass_through_and_other_messages_are_not_controllers()
    {
        var events = Decode((0, 64, 0x7F), (0, 123, 0));

        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Controller7, 0, 64, 0x7F), events[0]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.ChannelMode, 0, 123, 0), events[1]);
        Assert.False(new MidiControllerDecoder().TryDecode(MidiMessage.NoteOn(0, 1, 1), out _));
    }

    [Fact]
    public void Encoded_NRPN_and_14_bit_pairs_decode_to_the_same_numbers()
    {
        var decoder = new MidiControllerDecoder();
        var messages = new MidiMessage[4];
        var results = new List<MidiControllerEvent>();

        int n = MidiControllerEncoder.Nrpn(3, 0x1234, 0x2345, messages);
        foreach (var m in messages.AsSpan(0, n)) if (decoder.TryDecode(m, out var e)) results.Add(e);
        n = MidiControllerEncoder.Controller14(3, 5, 0x3FFF, messages);
        foreach (var m in messages.AsSpan(0, n)) if (decoder.TryDecode(m, out var e)) results.Add(e);

        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Nrpn, 3, 0x1234, 0x2345), results[3]);
        Assert.Equal(new MidiControllerEvent(MidiControllerEventKind.Controller14, 3, 5, 0x3FFF), results[5]);
    }
}
