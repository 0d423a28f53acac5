using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>What one incoming message means for a profile's control.</summary>
public enum MappingInputKind
{
    /// <summary>An absolute value 0..the control's maximum.</summary>
    Value,
    /// <summary>A relative encoder turn of Value ticks (signed).</summary>
    Turn,
    /// <summary>A button pressed (note velocity &gt; 0, or an absolute cc crossing to 64 or more).</summary>
    Press,
    /// <summary>A button released.</summary>
    Release,
    /// <summary>The control's touch sensor touched.</summary>
    Touch,
    /// <summary>The control's touch sensor released.</summary>
    Untouch,
}

/// <summary>One decoded input: which control (index in the profile) and what happened. A value; any thread.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Control">Index of the control in <see cref="MappingProfile.Controls"/>.</param>
/// <param name="Value">The absolute value or the signed tick count.</param>
public readonly record struct MappingInputEvent(MappingInputKind Kind, int Control, int Value);

/// <summary>
/// Turns a device's MIDI messages into events on a profile's controls: notes and touch sensors, 7-bit controllers
/// (absolute or relative), 14-bit controller pairs and NRPNs (both applied when their LSB arrives once the device has been
/// seen to send LSBs, else on the MSB alone, as MIDI 1.0 allows), pitch bend. Messages no control uses return false.
/// <para>Thread rules: one instance per input stream, used under the owning surface's lock; allocates nothing per message.</para>
/// </summary>
public sealed class MappingInput
{
    private readonly Dictionary<int, int> _notes = [];
    private readonly Dictionary<int, int> _touches = [];
    private readonly Dictionary<int, int> _cc = [];
    private readonly Dictionary<int, int> _cc14 = [];
    private readonly Dictionary<int, int> _nrpn = [];
    private readonly Dictionary<int, int> _bend = [];
    private readonly MidiControllerDecoder _decoder = new();
    private readonly bool[] _sawLsb;
    private readonly bool[] _pressed;

    /// <summary>Indexes <paramref name="profile"/>'s controls by their messages.</summary>
    public MappingInput(MappingProfile profile)
    {
        _sawLsb = new bool[profile.Controls.Count];
        _pressed = new bool[profile.Controls.Count];
        for (int i = 0; i < profile.Controls.Count; i++)
        {
            var c = profile.Controls[i];
            var m = c.Midi;
            int key = m.Channel << 14 | m.Number;
            (m.Kind switch
            {
                MidiControlKind.Note => _notes,
                MidiControlKind.ControlChange => _cc,
                MidiControlKind.ControlChange14 => _cc14,
                MidiControlKind.Nrpn => _nrpn,
                _ => _bend,
            })[key] = i;
            if (c.Touch is { } t) _touches[t.Channel << 14 | t.Number] = i;
        }
    }

    /// <summary>Decodes <paramref name="message"/>; false when no control of the profile sent it.</summary>
    public bool TryRead(MidiMessage message, MappingProfile profile, out MappingInputEvent input)
    {
        input = default;
        int ch = message.Channel;
        switch (message.Kind)
        {
            case 0x90 or 0x80:
            {
                int key = ch << 14 | message.Data1;
                bool on = message.Kind == 0x90 && message.Data2 > 0;
                if (_touches.TryGetValue(key, out int touched))
                {
                    input = new(on ? MappingInputKind.Touch : MappingInputKind.Untouch, touched, message.Data2);
                    return true;
                }
                if (!_notes.TryGetValue(key, out int note)) return false;
                input = new(on ? MappingInputKind.Press : MappingInputKind.Release, note, message.Data2);
                return true;
            }
            case 0xE0:
                if (!_bend.TryGetValue(ch << 14, out int bend)) return false;
                input = new(MappingInputKind.Value, bend, message.PitchBendValue);
                return true;
            case 0xB0:
                return ReadController(message, profile, out input);
            default:
                return false;
        }
    }

    private bool ReadController(MidiMessage message, MappingProfile profile, out MappingInputEvent input)
    {
        input = default;
        int ch = message.Channel, cc = message.Data1;
        if (!_decoder.TryDecode(message, out var e)) return false;
        if (e.Kind == MidiControllerEventKind.Nrpn && _nrpn.TryGetValue(ch << 14 | e.Number, out int n))
            return Pair(n, isLsb: cc == 38, e.Value, out input);
        if (_cc.TryGetValue(ch << 14 | cc, out int c))
        {
            var control = profile.Controls[c];
            if (control.Midi.IsRelative)
            {
                int ticks = RelativeEncoder.Decode(control.Midi.Relative, message.Data2);
                input = new(MappingInputKind.Turn, c, ticks);
                return ticks != 0;
            }
            if (control.Action.Kind == MappingActionKind.Command)
            {
                bool down = message.Data2 >= 64;
                if (down == _pressed[c]) return false;
                _pressed[c] = down;
                input = new(down ? MappingInputKind.Press : MappingInputKind.Release, c, message.Data2);
                return true;
            }
            input = new(MappingInputKind.Value, c, message.Data2);
            return true;
        }
        if (e.Kind == MidiControllerEventKind.Controller14 && _cc14.TryGetValue(ch << 14 | e.Number, out int pair))
            return Pair(pair, isLsb: cc >= 32, e.Value, out input);
        return false;
    }

    private bool Pair(int control, bool isLsb, int value, out MappingInputEvent input)
    {
        input = new(MappingInputKind.Value, control, value);
        if (isLsb)
        {
            _sawLsb[control] = true;
            return true;
        }
        return !_sawLsb[control];
    }
}
