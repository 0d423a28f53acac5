using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>The kind of MIDI message a mapped control sends and receives.</summary>
public enum MidiControlKind
{
    /// <summary>Note On/Off: a button (velocity &gt; 0 = pressed); feedback lights it with velocity 7F or 00.</summary>
    Note,
    /// <summary>A 7-bit control change (0..127), absolute or relative.</summary>
    ControlChange,
    /// <summary>A 14-bit controller pair: MSB on CC n (0..31), LSB on CC n+32 (0..16383).</summary>
    ControlChange14,
    /// <summary>A non-registered parameter number (CC 99/98 select, CC 6/38 data entry), 14-bit value.</summary>
    Nrpn,
    /// <summary>Pitch bend on the channel, 14-bit value (a motor fader of Mackie style).</summary>
    PitchBend,
}

/// <summary>
/// Which MIDI message a mapped control is (kind, channel, number) and how its value is written (absolute, or a
/// <see cref="RelativeEncoding"/> for encoders). Encodes the control's feedback in the control's own encoding.
/// Immutable; any thread.
/// </summary>
/// <param name="Kind">Message kind.</param>
/// <param name="Channel">Channel nibble 0..15 (profiles write 1..16).</param>
/// <param name="Number">Note, controller (0..31 for 14-bit pairs) or NRPN number; 0 for pitch bend.</param>
/// <param name="Relative">Relative style of an encoder (7-bit control changes only), or <see cref="RelativeEncoding.None"/>.</param>
public sealed record MidiBinding(MidiControlKind Kind, int Channel, int Number, RelativeEncoding Relative = RelativeEncoding.None)
{
    /// <summary>The profile names of the kinds, as written in JSON.</summary>
    public static readonly IReadOnlyDictionary<string, MidiControlKind> KindNames = new Dictionary<string, MidiControlKind>(StringComparer.Ordinal)
    {
        ["note"] = MidiControlKind.Note,
        ["cc"] = MidiControlKind.ControlChange,
        ["cc14"] = MidiControlKind.ControlChange14,
        ["nrpn"] = MidiControlKind.Nrpn,
        ["pitchBend"] = MidiControlKind.PitchBend,
    };

    /// <summary>The largest value: 127 for notes and 7-bit controllers, 16383 for the 14-bit kinds.</summary>
    public int MaxValue => Kind is MidiControlKind.Note or MidiControlKind.ControlChange ? 0x7F : 0x3FFF;

    /// <summary>True for a relative encoder.</summary>
    public bool IsRelative => Relative != RelativeEncoding.None;

    /// <summary>The JSON name of <see cref="Kind"/>.</summary>
    public string KindName => KindNames.First(k => k.Value == Kind).Key;

    /// <summary>Writes the feedback messages that put the control at <paramref name="value"/> (0..<see cref="MaxValue"/>); returns how many (at most 4).</summary>
    public int Encode(int value, Span<MidiMessage> destination)
    {
        if ((uint)value > (uint)MaxValue) throw new ArgumentOutOfRangeException(nameof(value), value, $"{this} takes 0..{MaxValue}");
        switch (Kind)
        {
            case MidiControlKind.Note:
                destination[0] = MidiMessage.NoteOn(Channel, Number, value);
                return 1;
            case MidiControlKind.ControlChange:
                destination[0] = MidiMessage.ControlChange(Channel, Number, value);
                return 1;
            case MidiControlKind.ControlChange14:
                return MidiControllerEncoder.Controller14(Channel, Number, value, destination);
            case MidiControlKind.Nrpn:
                return MidiControllerEncoder.Nrpn(Channel, Number, value, destination);
            default:
                destination[0] = MidiMessage.PitchBend(Channel, value);
                return 1;
        }
    }

    /// <summary>The control in words for logs and errors, e.g. <c>cc14 ch1 #7</c>.</summary>
    public override string ToString() => Kind == MidiControlKind.PitchBend
        ? $"pitchBend ch{Channel + 1}"
        : $"{KindName} ch{Channel + 1} #{Number}" + (IsRelative ? $" ({RelativeEncoder.NameOf(Relative)})" : "");
}
