namespace MixEngine.Automation;

/// <summary>
/// The automation part of a session: preferences, modes per track, bus or VCA (keyed <c>track/DX 1</c>, name form),
/// and one lane per automated parameter address. Immutable (edits return new values), compared by value; any thread.
/// </summary>
public sealed class SessionAutomation : IEquatable<SessionAutomation>
{
    private readonly Dictionary<string, AutomationLane> _byAddress;

    /// <summary>No lanes, no modes, default settings.</summary>
    public static readonly SessionAutomation Empty = new(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), []);

    /// <summary>Creates the automation; lanes keep their order; throws <see cref="ArgumentException"/> naming a repeated address.</summary>
    public SessionAutomation(AutomationSettings settings, IReadOnlyDictionary<string, AutomationModeSetting> modes, IReadOnlyList<AutomationLane> lanes)
    {
        Settings = settings;
        Modes = new SortedDictionary<string, AutomationModeSetting>(modes.ToDictionary(), StringComparer.Ordinal);
        Lanes = lanes.ToArray();
        _byAddress = new Dictionary<string, AutomationLane>(StringComparer.Ordinal);
        foreach (var lane in Lanes)
            if (!_byAddress.TryAdd(lane.Address, lane))
                throw new ArgumentException($"two automation lanes for '{lane.Address}'; expected one lane per parameter address", nameof(lanes));
    }

    /// <summary>Preferences.</summary>
    public AutomationSettings Settings { get; }

    /// <summary>Mode per strip target (<c>track/DX 1</c>, <c>vca/Dialog</c>), in ordinal order.</summary>
    public IReadOnlyDictionary<string, AutomationModeSetting> Modes { get; }

    /// <summary>Lanes in session order.</summary>
    public IReadOnlyList<AutomationLane> Lanes { get; }

    /// <summary>True when there are no lanes, no modes and the settings are the defaults.</summary>
    public bool IsEmpty => Lanes.Count == 0 && Modes.Count == 0 && Settings == AutomationSettings.Default;

    /// <summary>The lane of <paramref name="address"/> (name form), or null.</summary>
    public AutomationLane? Lane(string address) => _byAddress.GetValueOrDefault(address);

    /// <summary>The strip target of a parameter address: <c>track/DX 1/pan/x</c> → <c>track/DX 1</c>.</summary>
    public static string TargetOf(string address)
    {
        int first = address.IndexOf('/');
        int second = first < 0 ? -1 : address.IndexOf('/', first + 1);
        return second < 0 ? address : address[..second];
    }

    /// <summary>The mode in force for <paramref name="address"/>: the lane's own, else its strip's, else Read.</summary>
    public AutomationModeSetting ModeOf(string address) =>
        Lane(address)?.Mode ?? Modes.GetValueOrDefault(TargetOf(address), AutomationModeSetting.Default);

    /// <summary>A copy with <paramref name="lane"/> replacing the lane of its address (or appended); an empty lane without a mode is removed.</summary>
    public SessionAutomation WithLane(AutomationLane lane)
    {
        var lanes = Lanes.Where(l => l.Address != lane.Address).ToList();
        bool keep = !lane.Curve.IsEmpty || !lane.Trim.IsEmpty || lane.Mode is not null;
        if (keep)
        {
            int at = Lanes.ToList().FindIndex(l => l.Address == lane.Address);
            if (at >= 0) lanes.Insert(at, lane);
            else lanes.Add(lane);
        }
        return new SessionAutomation(Settings, Modes, lanes);
    }

    /// <summary>A copy with the strip target's mode set (or cleared with null).</summary>
    public SessionAutomation WithMode(string target, AutomationModeSetting? mode)
    {
        var modes = Modes.ToDictionary();
        if (mode is { } m) modes[target] = m;
        else modes.Remove(target);
        return new SessionAutomation(Settings, modes, Lanes);
    }

    /// <summary>A copy with other settings.</summary>
    public SessionAutomation WithSettings(AutomationSettings settings) => new(settings, Modes, Lanes);

    /// <inheritdoc />
    public bool Equals(SessionAutomation? other) =>
        other is not null && Settings == other.Settings && Modes.SequenceEqual(other.Modes) && Lanes.SequenceEqual(other.Lanes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SessionAutomation);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Settings, Modes.Count, Lanes.Count);
}
