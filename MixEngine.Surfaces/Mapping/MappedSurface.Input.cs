using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// What a <see cref="MappedSurface"/> does with the device's messages: absolute values through the parameter's taper (or
/// the control's linear range), relative turns by the control's step, buttons toggling switches or running commands,
/// touch sensors holding the control. Every member runs under the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    private void Receive(MidiMessage message)
    {
        lock (_gate)
        {
            try
            {
                if (_learn is not null)
                {
                    LearnMessage(message);
                    return;
                }
                if (!_input.TryRead(message, _profile, out var input))
                {
                    CountUnhandled(message.ToString());
                    return;
                }
                Apply(input);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ParameterAddressException)
            {
                _log.Warn("refused", "mapped surface {Port}: {Message} refused: {Error}", _port.Id, message.ToString(), e.Message);
            }
            if (_dirty) Render();
            else _output.Flush();
        }
    }

    private void Apply(MappingInputEvent input)
    {
        var control = _profile.Controls[input.Control];
        switch (input.Kind)
        {
            case MappingInputKind.Touch:
                Touch(input.Control, touched: true);
                break;
            case MappingInputKind.Untouch:
                Touch(input.Control, touched: false);
                break;
            case MappingInputKind.Press when control.Action.Kind == MappingActionKind.Command:
                Run(control.Action);
                break;
            case MappingInputKind.Press:
                PressParameter(input.Control);
                break;
            case MappingInputKind.Release:
                break;
            case MappingInputKind.Value:
                MoveTo(input.Control, input.Value);
                break;
            case MappingInputKind.Turn:
                Turn(input.Control, input.Value);
                break;
        }
    }

    private void MoveTo(int index, int raw)
    {
        var control = _profile.Controls[index];
        if (_targets[index] is not { } h) return;
        Moved(index, h);
        double fraction = raw / (double)control.Midi.MaxValue;
        if (control.Minimum is { } min && control.Maximum is { } max) _control.SetParameter(Client, h, min + fraction * (max - min));
        else _control.SetParameter(Client, h, fraction, ValueMode.Normalized);
        if (control.Echo)
        {
            // The servo rule: the accepted value goes back even when it repeats.
            Send(index, Raw(index, h));
            return;
        }
        _sent[index] = raw; // what the control shows already: no echo
        _dirty = true;
    }

    private void Turn(int index, int ticks)
    {
        var control = _profile.Controls[index];
        if (_targets[index] is not { } h) return;
        Moved(index, h);
        _control.SetParameter(Client, h, Math.Clamp(_control.GetShownNormalized(h) + ticks * control.Step, 0.0, 1.0), ValueMode.Normalized);
        _dirty = true;
    }

    /// <summary>A value from a control: without a touch sensor it starts or extends an implied touch (automation touch, no feedback to it).</summary>
    private void Moved(int index, ParameterHandle h)
    {
        if (_profile.Controls[index].Touch is not null || !_touches.Value(index, Now)) return;
        Hold(index, h);
    }

    private void Touch(int index, bool touched)
    {
        _touches.Explicit(index, touched);
        if (touched)
        {
            if (_targets[index] is { } h) Hold(index, h);
        }
        else Release(index);
        _dirty = true;
    }

    private void Hold(int index, ParameterHandle h)
    {
        if (!_held.TryAdd(index, h)) return;
        _control.BeginTouch(Client, h);
        if (_profile.SelectByTouch && _profile.Controls[index].Action is { Kind: MappingActionKind.StripParameter } a && StripAt(a.Slot) is { } strip)
            SelectOnly(strip.Prefix);
    }

    /// <summary>A touch ended: the control gets the value if it is no longer what the control shows (another client moved it while held).</summary>
    private void Release(int index)
    {
        EndHeld(index);
        _dirty = true;
    }

    private void EndHeld(int index)
    {
        if (_held.Remove(index, out var h)) EndTouch(h);
    }

    private void EndTouch(ParameterHandle h)
    {
        try
        {
            _control.EndTouch(Client, h);
        }
        catch (ParameterAddressException)
        {
            // Removed by a session edit while held: nothing is left to release.
        }
    }

    /// <summary>A button on a parameter: a switch toggles (mute and solo through the facade's strip calls), anything else returns to its default.</summary>
    private void PressParameter(int index)
    {
        if (_targets[index] is not { } h) return;
        var d = h.Descriptor;
        if (d.Unit != ParameterUnit.Boolean)
        {
            _control.SetParameter(Client, h, d.Default);
        }
        else
        {
            bool on = _control.GetShownValue(h) >= 0.5;
            string address = d.Address.ToString();
            string strip = address[..^(d.Address.Parameter.Length + 1)];
            if (d.Address.Parameter == "mute") _control.SetMute(Client, strip, !on);
            else if (d.Address.Parameter == "solo") _control.SetSolo(Client, strip, !on);
            else _control.SetParameter(Client, h, on ? 0 : 1);
        }
        _dirty = true;
    }
}
