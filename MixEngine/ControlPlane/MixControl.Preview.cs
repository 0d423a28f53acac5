using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>Preview, Capture and Write-To: validated here, queued to the engine, stamped there and written by the live pass writer.</summary>
public sealed partial class MixControl
{
    private readonly object _previewGate = new();
    private bool _previewOn, _previewSuspended;

    /// <inheritdoc/>
    public void SetPreview(ControlClientId client, bool on)
    {
        lock (_previewGate)
        {
            Send(client, new PassCommand(PassCommandKind.Preview, On: on), null);
            _previewOn = on;
            if (!on) _previewSuspended = false; // as the engine: Preview off ends the suspension
        }
    }

    /// <inheritdoc/>
    public void SuspendPreview(ControlClientId client, bool suspended)
    {
        lock (_previewGate)
        {
            Send(client, new PassCommand(PassCommandKind.Suspend, On: suspended), null);
            _previewSuspended = suspended && _previewOn; // as the engine: a suspension needs Preview on
        }
    }

    /// <inheritdoc/>
    public bool PreviewOn
    {
        get
        {
            lock (_previewGate) return _previewOn;
        }
    }

    /// <inheritdoc/>
    public bool PreviewSuspended
    {
        get
        {
            lock (_previewGate) return _previewSuspended;
        }
    }

    /// <inheritdoc/>
    public void PunchPreview(ControlClientId client) => Send(client, new PassCommand(PassCommandKind.PunchPreview), null);

    /// <inheritdoc/>
    public void Capture(ControlClientId client) => Send(client, new PassCommand(PassCommandKind.Capture), null);

    /// <inheritdoc/>
    public void PunchCapture(ControlClientId client, bool all = false, IReadOnlyList<string>? strips = null)
    {
        _clients.Check(client);
        if (strips is null)
        {
            Send(client, new PassCommand(PassCommandKind.PunchCapture, All: all), null);
            return;
        }
        var slots = Slots;
        var targets = strips.Select(s => Strip(s ?? throw new ArgumentException("strips: a strip is null; name strips such as \"track/DX 1\"", nameof(strips)))).Distinct(StringComparer.Ordinal).ToArray();
        var only = new bool[_engine.SlotCapacity];
        for (int slot = 0; slot < slots.UsedSlots; slot++)
            if (slots.DescriptorOf(slot) is { } d && targets.Contains(SessionAutomation.TargetOf(d.Address.ToString()), StringComparer.Ordinal)) only[slot] = true;
        Send(client, new PassCommand(PassCommandKind.PunchCapture, All: all, Targets: targets), only);
    }

    /// <inheritdoc/>
    public void WriteAutomationTo(ControlClientId client, WriteTarget target, long? selectionStart = null, long? selectionEnd = null)
    {
        if (!Enum.IsDefined(target))
            throw new ArgumentException($"Write-To target {(int)target} is unknown; expected one of {string.Join(", ", Enum.GetNames<WriteTarget>())}", nameof(target));
        if (selectionStart < 0 || selectionEnd < selectionStart)
            throw new ArgumentException($"Write-To selection {selectionStart}–{selectionEnd} is not a range of the timeline; expected 0 ≤ start ≤ end (samples)", nameof(selectionStart));
        Send(client, new PassCommand(PassCommandKind.WriteTo, Target: target, SelectionStart: selectionStart, SelectionEnd: selectionEnd), null);
    }

    private void Send(ControlClientId client, PassCommand command, bool[]? slots)
    {
        _clients.Check(client);
        _engine.RequestPassCommand(command, slots, client);
    }
}
