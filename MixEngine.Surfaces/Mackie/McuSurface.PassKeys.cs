using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The soft keys F1–F8 of the master unit as the automation pass commands (automation.md 2.5 rules 10 and 11; spec
/// surfaces.md §3 soft keys, MCU F1–F8 + SHIFT): F1 Preview on/off, F2 Suspend/resume, F3 Punch Preview, F4 Capture,
/// F5 Punch Capture (the selected strips when any are selected; SHIFT: Read controls too), F6 Write-To End (SHIFT:
/// Start), F7 Write-To All (SHIFT: Punch Point), F8 Write-To Next Breakpoint, each one call of the control facade. F1
/// and F2 light while Preview is on and suspended, from the facade's state, also when another client changes it. HUI
/// units reach the same keys through their function keys and their SUSPEND and CAPTURE keys (<see cref="HuiMap"/>).
/// Every member runs under the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    /// <summary>F2, the Suspend key.</summary>
    private const int SuspendKey = McuNote.F1 + 1;

    private bool _shownPreview, _shownSuspended;

    /// <summary>Acts on a press of F1–F8; false for any other note.</summary>
    private bool PressPassKey(int note)
    {
        switch (note - McuNote.F1)
        {
            case 0: _control.SetPreview(Client, !_control.PreviewOn); break;
            case 1: _control.SuspendPreview(Client, !_control.PreviewSuspended); break;
            case 2: _control.PunchPreview(Client); break;
            case 3: _control.Capture(Client); break;
            case 4: PunchCapture(); break;
            case 5: _control.WriteAutomationTo(Client, _shift ? WriteTarget.Start : WriteTarget.End); break;
            case 6: _control.WriteAutomationTo(Client, _shift ? WriteTarget.PunchPoint : WriteTarget.All); break;
            case 7: _control.WriteAutomationTo(Client, WriteTarget.NextBreakpoint); break;
            default: return false;
        }
        _dirty = true;
        return true;
    }

    private void PunchCapture()
    {
        try
        {
            _control.PunchCapture(Client, all: _shift, _selected.Count == 0 ? null : [.. _selected]);
        }
        catch (ParameterAddressException e)
        {
            _log.Warn("automation", "MCU Punch Capture refused: {Error}", e.Message); // a selected strip removed by a session edit
        }
    }

    /// <summary>True when the Preview state differs from what the keys show (changed by another client): the surface redraws.</summary>
    private bool PassKeysStale() => _control.PreviewOn != _shownPreview || _control.PreviewSuspended != _shownSuspended;

    private void RenderPassKeys(McuUnit unit)
    {
        _shownPreview = _control.PreviewOn;
        _shownSuspended = _control.PreviewSuspended;
        SetLed(unit, McuNote.F1, _shownPreview);
        SetLed(unit, SuspendKey, _shownSuspended);
    }
}
