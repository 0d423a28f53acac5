using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiControllerEncoderTests
{
    private static string Hex(Span<MidiMessage> messages) => string.Join(" ", messages.ToArray().Select(m => m.ToString()));

    [Fact]
    public void A_14_bit_controller_is_MSB_on_n_then_LSB_on_n_plus_32()
    {
        var m = new MidiMessage[2];
        int n = MidiControllerEncoder.Controller14(1, 7, 0x1234, m);
        Assert.Equal("B1 07 24 B1 27 34", Hex(m.AsSpan(0, n)));
    }

    [Fact]
    public void NRPN_and_RPN_select_the_number_then_enter_data_MSB_and_LSB()
    {
        var m = new MidiMessage[4];
        Assert.Equal("B0 63 24 B0 62 34 B0 06 7F B0 26 7F", Hex(m.AsSpan(0, MidiControllerEncoder.Nrpn(0, 0x1234, 0x3FFF, m))));
        Assert.Equal("BF 65 00 BF 64 00 BF 06 02 BF 26 00", Hex(m.AsSpan(0, MidiControllerEncoder.Rpn(15, 0, 0x100, m))));
        Assert.Equal("B0 65 7F B0 64 7F", Hex(m.AsSpan(0, MidiControllerEncoder.ParameterNull(0, m))));
    }

    [Fact]
    public void Out_of_range_numbers_are_refused()
    {
        var m = new MidiMessage[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiControllerEncoder.Controller14(0, 32, 0, m));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiControllerEncoder.Nrpn(0, 0x4000, 0, m));
    }
}
