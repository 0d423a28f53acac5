namespace MixEngine.Automation;

/// <summary>
/// Preview's state machine (automation.md 2.5 rule 11): Off → On; while On, touching or moving a control in Touch,
/// Latch or TouchLatch (or their trim variants) that is not writing isolates it: it keeps the value it is given, its lane
/// neither plays nor is written; Suspend flips the audition between the preview values and the lanes; Punch Preview or
/// a Write-To hands the values over and ends the isolation; turning Preview off drops them. Control side, owned by one
/// <see cref="AutomationRecorder"/>.
/// </summary>
internal sealed class PreviewState
{
    private readonly Dictionary<string, (double Value, long Since)> _isolated = new(StringComparer.Ordinal);

    /// <summary>True while Preview is on.</summary>
    public bool On { get; private set; }

    /// <summary>True while the audition plays the lanes instead of the preview values.</summary>
    public bool Suspended { get; private set; }

    /// <summary>The isolated controls with their preview value and the position where they were isolated.</summary>
    public IReadOnlyDictionary<string, (double Value, long Since)> Isolated => _isolated;

    /// <summary>Turns Preview on or off; off drops every isolated value and the suspension.</summary>
    public void Set(bool on)
    {
        On = on;
        if (on) return;
        _isolated.Clear();
        Suspended = false;
    }

    /// <summary>Suspends (true) or resumes the audition of preview values; ignored while Preview is off.</summary>
    public void Suspend(bool on) => Suspended = on && On;

    /// <summary>Isolates <paramref name="address"/> at <paramref name="value"/>, or updates the value of an isolated control (its isolation point stays).</summary>
    public void Isolate(string address, double value, long position) =>
        _isolated[address] = (value, _isolated.TryGetValue(address, out var e) ? e.Since : position);

    /// <summary>Ends the isolation of every control and returns them (address order, so replays are deterministic).</summary>
    public IReadOnlyList<(string Address, double Value, long Since)> Release()
    {
        var all = _isolated.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Value, e.Value.Since)).ToArray();
        _isolated.Clear();
        return all;
    }
}
