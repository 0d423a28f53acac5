using MixEngine.ControlPlane;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// What a <see cref="MappedSurface"/> sends its device: each control's value in its own encoding, rendered from engine
/// state and sent only when it differs from what the control last showed; nothing to a touched control; nothing to
/// relative encoders (they have no position). Every member runs under the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    /// <summary>Sends every control whose shown value changed.</summary>
    private void Render()
    {
        _dirty = false;
        if (!Reachable) return; // a network device without a peer: it gets everything when it joins
        for (int i = 0; i < _targets.Length; i++)
        {
            if (_touches.IsTouched(i)) continue;
            var control = _profile.Controls[i];
            if (control.Midi.IsRelative) continue;
            int raw = control.Action.Kind == MappingActionKind.Command ? Led(control, IsLit(control.Action)) : Raw(i, _targets[i]);
            if (raw != _sent[i]) Send(i, raw);
        }
        _output.Flush();
    }

    /// <summary>The value control <paramref name="index"/> shows for its target (0 for a blank slot).</summary>
    private int Raw(int index, ParameterHandle? target)
    {
        var control = _profile.Controls[index];
        if (target is not { } h) return 0;
        if (control.Midi.Kind == MidiControlKind.Note) return Led(control, h.Descriptor.Unit == Session.ParameterUnit.Boolean && _control.GetShownValue(h) >= 0.5);
        double fraction = control.Minimum is { } min && control.Maximum is { } max
            ? (_control.GetShownValue(h) - min) / (max - min)
            : _control.GetShownNormalized(h);
        return (int)Math.Round(Math.Clamp(fraction, 0.0, 1.0) * control.Midi.MaxValue, MidpointRounding.AwayFromZero);
    }

    private static int Led(MappingControl control, bool on) => on ? control.Midi.MaxValue : 0;

    private void Send(int index, int raw)
    {
        Span<MidiMessage> messages = stackalloc MidiMessage[4];
        int n = _profile.Controls[index].Midi.Encode(raw, messages);
        for (int m = 0; m < n; m++) _output.Add(messages[m]);
        _sent[index] = raw;
    }
}
