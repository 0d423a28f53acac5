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

    /// <inheritdoc/>
    public double BeginTouch(ControlClientId client, ParameterHandle parameter, double value, ValueMode mode = ValueMode.Absolute)
    {
        double result = SetParameter(client, parameter, value, mode);
        if (_clients.Touch(client, parameter.Slot)) SendTouch(client, parameter.Slot, touched: true, result);
        return result;
    }

    /// <summary>
    /// Installs automation a live pass wrote (or an undo restored): the plan is rebuilt from the session with
    /// <paramref name="automation"/> by <paramref name="build"/> and swapped at a block boundary (as
    /// <see cref="ApplySession"/>), and every strip or parameter mode that changed with it (the after-Write switch) is
    /// published to every feedback subscriber as made by the engine. <paramref name="values"/> are static values to install
    /// with it (the values of parameters in a trim mode, whose controls hold offsets). Returns the installed session. Any
    /// control thread.
    /// </summary>
    public MixSession InstallAutomation(SessionAutomation automation, Func<MixSession, Graph.RenderPlan> build,
        IEnumerable<(ParameterAddress Address, double Value)>? values = null)
    {
        lock (_edit)
        {
            var before = Session.Automation;
            var installed = ApplySession(SessionParameterValues.With(Session with { Automation = automation }, values ?? []), build);
            var slots = Slots;
            foreach (var (target, mode) in automation.Modes)
                if (!before.Modes.TryGetValue(target, out var old) || old != mode)
                    _hub.NoteAutomationMode(new AutomationModeChange(target, null, mode, ControlClientId.None));
            foreach (string address in automation.Lanes.Concat(before.Lanes).Select(l => l.Address).Distinct(StringComparer.Ordinal))
            {
                var mode = automation.Lane(address)?.Mode;
                if (before.Lane(address)?.Mode != mode && slots.TryResolve(address) is { } parameter)
                    _hub.NoteAutomationMode(new AutomationModeChange(address, parameter, mode, ControlClientId.None));
            }
            return installed;
        }
    }

    /// <summary>Tells the engine how each slot's lane writes in a live pass (its mode resolved per parameter) and the AutoMatch and timeout times.</summary>
    private void SendLiveBehaviours(ParameterSlots slots)
    {
        var automation = slots.Session.Automation;
        _engine.LivePass.SetTiming(automation.Settings, slots.Session.SampleRate);
        for (int slot = 0; slot < slots.UsedSlots; slot++)
        {
            if (slots.DescriptorOf(slot) is not { } d) continue;
            var mode = automation.ModeOf(d.Address.ToString());
            _engine.LivePass.SetBehaviour(slot, d.Automatable ? ParameterPass.BehaviourOf(d, mode) : PassBehaviour.None, mode.Trim && d.Trimmable,
                d.Unit == ParameterUnit.Boolean);
        }
    }

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
            var changed = slots.WithSession(slots.Session with { Automation = edit(slots.Session.Automation) });
            Volatile.Write(ref _slots, changed);
            SendLiveBehaviours(changed);
        }
        _hub.NoteAutomationMode(new AutomationModeChange(target, parameter, mode, client));
    }
}
