using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Automation-mode feedback of an <see cref="OscSurfaceClient"/>: Ardour's <c>/strip/gain/automation</c> (or
/// <c>/strip/fader/automation</c> in the fader gain modes) with its <c>…/automation_name</c> for every visible strip's
/// fader, and <c>/mixengine/automation/&lt;target&gt; s:mode</c> for the targets the client watches. Sent on
/// registration, on <c>/refresh</c> and whenever the mode in force changes (a strip's mode, a parameter's own mode, or
/// the engine switching modes after a Write pass), only when it differs from what the client was last sent. Every
/// member runs under the client's lock.
/// </summary>
internal sealed partial class OscSurfaceClient
{
    private readonly Dictionary<string, Func<AutomationModeSetting>> _watchAutomation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AutomationModeSetting> _automationSent = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public void OnAutomationModeChanged(in AutomationModeChange change)
    {
        lock (_gate)
        {
            if ((_feedback & StripValues) != 0)
            {
                if (change.Parameter is { } parameter)
                {
                    if (_slotMap.TryGetValue(parameter.Slot, out int entry) && (entry & 7) == Fader) SendStripAutomation(entry >> 3, force: false);
                }
                else if (_stripByPrefix.TryGetValue(change.Target, out int index))
                {
                    int accepted = _accepted.IndexOf(index);
                    int ssid = accepted < 0 ? 0 : Bank.SsidOf(accepted);
                    if (ssid > 0) SendStripAutomation(ssid, force: false);
                }
            }
            SendWatchedAutomation(force: false);
        }
    }

    /// <summary>Watches the automation mode in force of a strip or parameter under <paramref name="address"/> and sends it now.</summary>
    public void WatchAutomation(string address, Func<AutomationModeSetting> mode)
    {
        lock (_gate)
        {
            _watchAutomation[address] = mode;
            _automationSent.Remove(address);
            SendWatchedAutomation(force: false);
        }
    }

    private void SendStripAutomation(int ssid, bool force)
    {
        var strip = _strips[_accepted[Bank.StripAt(ssid)]];
        AutomationModeSetting mode;
        try
        {
            mode = _control.GetAutomationMode(strip.Fader);
        }
        catch (Session.ParameterAddressException)
        {
            return; // removed by a session edit racing this feedback; the strip list refresh resends the bank
        }
        int key = Key(strip.Fader.Slot, OscRepresentation.Automation);
        if (force) _echo.Forget(key);
        if (!_echo.ShouldSend(key, -1, OscAutomationMode.Key(mode))) return;
        string path = _gainMode == 0 ? "/strip/gain" : "/strip/fader";
        SendStrip(path + "/automation", ssid, (float)OscAutomationMode.ArdourNumber(mode));
        SendStrip(path + "/automation_name", ssid, OscAutomationMode.ArdourName(mode));
    }

    private void SendWatchedAutomation(bool force)
    {
        if (force) _automationSent.Clear();
        foreach (var (address, read) in _watchAutomation)
        {
            AutomationModeSetting mode;
            try
            {
                mode = read();
            }
            catch (Exception e) when (e is Session.ParameterAddressException or ArgumentException)
            {
                continue; // the target went away with a session edit; nothing to show
            }
            if (_automationSent.TryGetValue(address, out var last) && last == mode) continue;
            _automationSent[address] = mode;
            Send(address, mode.ToString());
        }
    }
}
