using MixEngine.Automation;
using MixEngine.ControlPlane;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The automation-mode keys of an <see cref="McuSurface"/> (spec surfaces.md §1.6): READ 4A, WRITE 4B, TOUCH 4D, LATCH 4E
/// and GROUP 4F as OFF set the mode of every selected strip through the facade; TRIM 4C toggles the trim variant of
/// each selected strip's mode (off has none: refused and logged). The key LEDs show the mode of the first selected strip
/// (touch/latch both lit for TouchLatch). Every member runs under the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    private bool PressAutomation(int note)
    {
        AutomationMode? mode = note switch
        {
            McuNote.AutomationRead => AutomationMode.Read,
            McuNote.AutomationWrite => AutomationMode.Write,
            McuNote.AutomationTouch => AutomationMode.Touch,
            McuNote.AutomationLatch => AutomationMode.Latch,
            McuNote.Group => AutomationMode.Off,
            _ => null,
        };
        if (mode is null && note != McuNote.AutomationTrim) return false;
        if (_selected.Count == 0)
        {
            _log.Info("automation", "MCU automation key {Note:X2} pressed with no strip selected; press SELECT on a strip first", note);
            return true;
        }
        foreach (string strip in _selected)
        {
            var current = _control.GetAutomationMode(strip);
            var next = mode is { } m ? new AutomationModeSetting(m, current.Trim && m != AutomationMode.Off) : current with { Trim = !current.Trim };
            try
            {
                _control.SetAutomationMode(Client, strip, next);
            }
            catch (ArgumentException e)
            {
                _log.Warn("automation", "MCU automation key on {Strip} refused: {Error}", strip, e.Message);
            }
        }
        _dirty = true;
        return true;
    }

    private void AutomationModeChanged()
    {
        lock (_gate) _dirty = true;
    }

    private void RenderAutomation(McuUnit unit)
    {
        AutomationModeSetting? shown = _selected.Count == 0 ? null : _control.GetAutomationMode(FirstSelected());
        var m = shown?.Mode;
        SetLed(unit, McuNote.AutomationRead, m == AutomationMode.Read);
        SetLed(unit, McuNote.AutomationWrite, m == AutomationMode.Write);
        SetLed(unit, McuNote.AutomationTouch, m is AutomationMode.Touch or AutomationMode.TouchLatch);
        SetLed(unit, McuNote.AutomationLatch, m is AutomationMode.Latch or AutomationMode.TouchLatch);
        SetLed(unit, McuNote.Group, m == AutomationMode.Off);
        SetLed(unit, McuNote.AutomationTrim, shown?.Trim == true);
    }

    /// <summary>The selected strip that comes first in catalog order.</summary>
    private string FirstSelected()
    {
        string first = "";
        int best = int.MaxValue;
        foreach (string prefix in _selected)
            if (_stripByPrefix.TryGetValue(prefix, out int index) && index < best) (best, first) = (index, prefix);
        return first;
    }
}
