namespace MixEngine.Automation;

/// <summary>
/// Capture's state machine (automation.md 2.5 rule 11): Empty → Captured. Capture stores the current value of every
/// control that is writing or isolated in Preview (replacing what was stored); Punch Capture reads the stored values and
/// leaves them stored, so they can be punched again elsewhere. Control side, owned by one <see cref="AutomationRecorder"/>.
/// </summary>
internal sealed class CaptureState
{
    private readonly SortedDictionary<string, double> _values = new(StringComparer.Ordinal);

    /// <summary>The stored values by parameter address (ordinal order).</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>Replaces the stored values by <paramref name="values"/>.</summary>
    public void Store(IEnumerable<(string Address, double Value)> values)
    {
        _values.Clear();
        foreach (var (address, value) in values) _values[address] = value;
    }
}
