namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Builds the control-change sequences for 14-bit controllers and NRPN/RPN values (the sending side of
/// <see cref="MidiControllerDecoder"/>). Pure; any thread; writes into a caller's span.
/// </summary>
public static class MidiControllerEncoder
{
    /// <summary>Writes CC n (MSB) then CC n+32 (LSB) for controller 0..31; returns 2.</summary>
    public static int Controller14(int channel, int controller, int value, Span<MidiMessage> destination)
    {
        if ((uint)controller > 31) throw new ArgumentOutOfRangeException(nameof(controller), controller, "14-bit controllers are 0..31 (LSB on controller+32)");
        Check14(value, nameof(value));
        destination[0] = MidiMessage.ControlChange(channel, controller, value >> 7);
        destination[1] = MidiMessage.ControlChange(channel, controller + 32, value & 0x7F);
        return 2;
    }

    /// <summary>Writes CC 99, 98, 6, 38 setting NRPN <paramref name="number"/> to a 14-bit value; returns 4.</summary>
    public static int Nrpn(int channel, int number, int value, Span<MidiMessage> destination) =>
        Parameter(channel, 99, 98, number, value, destination);

    /// <summary>Writes CC 101, 100, 6, 38 setting RPN <paramref name="number"/> to a 14-bit value; returns 4.</summary>
    public static int Rpn(int channel, int number, int value, Span<MidiMessage> destination) =>
        Parameter(channel, 101, 100, number, value, destination);

    /// <summary>Writes the RPN null (CC 101 7F, CC 100 7F) that deselects any parameter; returns 2.</summary>
    public static int ParameterNull(int channel, Span<MidiMessage> destination)
    {
        destination[0] = MidiMessage.ControlChange(channel, 101, 0x7F);
        destination[1] = MidiMessage.ControlChange(channel, 100, 0x7F);
        return 2;
    }

    private static int Parameter(int channel, int msbController, int lsbController, int number, int value, Span<MidiMessage> destination)
    {
        Check14(number, nameof(number));
        Check14(value, nameof(value));
        destination[0] = MidiMessage.ControlChange(channel, msbController, number >> 7);
        destination[1] = MidiMessage.ControlChange(channel, lsbController, number & 0x7F);
        destination[2] = MidiMessage.ControlChange(channel, 6, value >> 7);
        destination[3] = MidiMessage.ControlChange(channel, 38, value & 0x7F);
        return 4;
    }

    private static void Check14(int value, string name)
    {
        if ((uint)value > 0x3FFF) throw new ArgumentOutOfRangeException(name, value, "a 14-bit value is 0..16383");
    }
}
