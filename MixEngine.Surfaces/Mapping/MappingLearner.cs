using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Works out which control a device sent while learn was armed (docs/surfaces.md, Learn): collects the messages of one
/// gesture, then names the control by what was seen, most specific first: an NRPN (CC 99/98 then data entry), pitch bend,
/// a 14-bit pair (CC n with n &lt; 32 and CC n+32), a note, a 7-bit controller (relative in the style asked for, else
/// absolute). Realtime and SysEx messages are ignored.
/// <para>Thread rules: not thread-safe; one learn at a time, under the owner's lock. Pure.</para>
/// </summary>
public sealed class MappingLearner(RelativeEncoding relative = RelativeEncoding.None)
{
    private readonly MidiControllerDecoder _decoder = new();
    private readonly List<MidiMessage> _seen = [];
    private MidiBinding? _nrpn;

    /// <summary>Messages collected so far.</summary>
    public int Count => _seen.Count;

    /// <summary>Adds one message of the gesture; false when it cannot name a control (realtime, program change, …).</summary>
    public bool Add(MidiMessage message)
    {
        if (message.Kind is not (0x80 or 0x90 or 0xB0 or 0xE0)) return false;
        if (message.Kind == 0xB0 && _decoder.TryDecode(message, out var e) && e.Kind == MidiControllerEventKind.Nrpn)
            _nrpn ??= new MidiBinding(MidiControlKind.Nrpn, e.Channel, e.Number);
        if (message.Kind == 0x80 || (message.Kind == 0x90 && message.Data2 == 0)) return true;
        _seen.Add(message);
        return true;
    }

    /// <summary>The control the gesture came from, or null when nothing usable was seen.</summary>
    public MidiBinding? Result()
    {
        if (_nrpn is not null) return _nrpn;
        if (_seen.FirstOrDefault(m => m.Kind == 0xE0) is { Status: not 0 } bend) return new MidiBinding(MidiControlKind.PitchBend, bend.Channel, 0);
        foreach (var m in _seen.Where(m => m.Kind == 0xB0 && m.Data1 < 32))
            if (_seen.Any(l => l.Kind == 0xB0 && l.Channel == m.Channel && l.Data1 == m.Data1 + 32))
                return new MidiBinding(MidiControlKind.ControlChange14, m.Channel, m.Data1);
        if (_seen.FirstOrDefault(m => m.Kind == 0x90) is { Status: not 0 } note) return new MidiBinding(MidiControlKind.Note, note.Channel, note.Data1);
        var cc = _seen.Where(m => m.Kind == 0xB0 && m.Data1 is not (6 or 38 or 96 or 97 or 98 or 99 or 100 or 101) && m.Data1 < 120)
            .GroupBy(m => (m.Channel, (int)m.Data1)).OrderByDescending(g => g.Count()).FirstOrDefault();
        return cc is null ? null : new MidiBinding(MidiControlKind.ControlChange, cc.Key.Channel, cc.Key.Item2, relative);
    }
}
