using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>Automation modes: kept in <see cref="Session"/>'s automation and published through the feedback hub.</summary>
public sealed partial class MixControl
{
    /// <inheritdoc/>
    public void SetAutomationMode(ControlClientId client, string strip, AutomationModeSetting mode)
    {
        ArgumentNullException.ThrowIfNull(strip);
        _clients.Check(client);
        string target = Strip(strip);
        CheckMode(mode, target);
        if (!Session.Automation.Modes.TryGetValue(target, out var current) || current != mode)
            ChangeModes(client, target, null, mode, a => a.WithMode(target, mode));
    }

    /// <inheritdoc/>
    public void SetAutomationMode(ControlClientId client, ParameterHandle parameter, AutomationModeSetting? mode)
    {
        var descriptor = DescriptorOf(parameter);
        _clients.Check(client);
        string address = descriptor.Address.ToString();
        if (!descriptor.Automatable)
            throw new ArgumentException($"'{address}' cannot be automated, so it has no automation mode; automatable parameters of its strip: "
                + string.Join(", ", Descriptors.Where(d => d.Automatable && SessionAutomation.TargetOf(d.Address.ToString()) == SessionAutomation.TargetOf(address)).Select(d => d.Address.Parameter)),
                nameof(parameter));
        if (mode is { } m)
        {
            CheckMode(m, address);
            if (m.Trim && !descriptor.Trimmable)
                throw new ArgumentException($"mode {m} is not allowed on '{address}': trim modes apply only to gain-type parameters (faders, send levels); expected one of off, read, touch, latch, touchLatch, write", nameof(mode));
        }
        if (Session.Automation.Lane(address)?.Mode != mode)
            ChangeModes(client, address, parameter, mode, a => a.WithLane((a.Lane(address) ?? new AutomationLane(address, AutomationCurve.Empty, AutomationCurve.Empty)) with { Mode = mode }));
    }

    /// <inheritdoc/>
    public AutomationModeSetting GetAutomationMode(string strip)
    {
        ArgumentNullException.ThrowIfNull(strip);
        return Session.Automation.Modes.GetValueOrDefault(Strip(strip), AutomationModeSetting.Default);
    }

    /// <inheritdoc/>
    public AutomationModeSetting GetAutomationMode(ParameterHandle parameter) => Session.Automation.ModeOf(DescriptorOf(parameter).Address.ToString());

    /// <inheritdoc/>
    public AutomationModeSetting? GetOwnAutomationMode(ParameterHandle parameter) => Session.Automation.Lane(DescriptorOf(parameter).Address.ToString())?.Mode;

    /// <summary>The name form of a strip target; throws <see cref="ParameterAddressException"/> naming it and the strips that exist.</summary>
    private string Strip(string strip) =>
        Slots.Catalog.FindTarget(strip.TrimEnd('/'), out string canonical, out string error) ? canonical : throw new ParameterAddressException(strip, error);

    private static void CheckMode(AutomationModeSetting mode, string target)
    {
        if (!Enum.IsDefined(mode.Mode))
            throw new ArgumentException($"automation mode {(int)mode.Mode} for '{target}' is unknown; expected one of {string.Join(", ", AutomationModeSetting.Names)}", nameof(mode));
        if (mode is { Mode: AutomationMode.Off, Trim: true })
            throw new ArgumentException($"mode offTrim for '{target}' does not exist: off has no trim variant; expected one of {string.Join(", ", AutomationModeSetting.Names)}", nameof(mode));
    }

    /// <summary>Applies a mode edit to the session's automation (serialised with structural edits) and publishes it.</summary>
    private void ChangeModes(ControlClientId client, string target, ParameterHandle? parameter, AutomationModeSetting? mode, Func<SessionAutomation, SessionAutomation> edit)
    {
        lock (_edit)
        {
            var slots = Volatile.Read(ref _slots);
            Volatile.Write(ref _slots, slots.WithSession(slots.Session with { Automation = edit(slots.Session.Automation) }));
        }
        _hub.NoteAutomationMode(new AutomationModeChange(target, parameter, mode, client));
    }
}
