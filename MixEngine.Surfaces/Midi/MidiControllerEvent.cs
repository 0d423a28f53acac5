namespace MixEngine.Surfaces.Midi;

/// <summary>What a control change means once pairs and parameter numbers are resolved.</summary>
public enum MidiControllerEventKind
{
    /// <summary>A 7-bit controller (64..95, 102..119): Value 0..127.</summary>
    Controller7,
    /// <summary>A 14-bit controller pair (MSB on 0..31, LSB on 32..63): Value 0..16383.</summary>
    Controller14,
    /// <summary>Data entry for the selected NRPN: Number and Value are 14-bit.</summary>
    Nrpn,
    /// <summary>Data entry for the selected RPN: Number and Value are 14-bit.</summary>
    Rpn,
    /// <summary>Data increment (CC 96) for the selected NRPN; Value = the CC's data byte.</summary>
    NrpnIncrement,
    /// <summary>Data decrement (CC 97) for the selected NRPN; Value = the CC's data byte.</summary>
    NrpnDecrement,
    /// <summary>Data increment (CC 96) for the selected RPN.</summary>
    RpnIncrement,
    /// <summary>Data decrement (CC 97) for the selected RPN.</summary>
    RpnDecrement,
    /// <summary>A channel mode message (120..127): Number = controller, Value = data byte.</summary>
    ChannelMode,
}

/// <summary>A resolved control change: kind, channel, controller or parameter number, value. A value; any thread.</summary>
public readonly record struct MidiControllerEvent(MidiControllerEventKind Kind, int Channel, int Number, int Value);
