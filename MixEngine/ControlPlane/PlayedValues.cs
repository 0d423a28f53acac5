namespace MixEngine.ControlPlane;

/// <summary>
/// The values automation plays, per parameter slot, as the audio thread last published them: for every slot whose lane
/// the current plan plays, the lane's value at the last sample of the period (NaN while no lane shows there: no lane plays,
/// a control holds the lane live, the lane plays only a trim curve, or the slot is in a trim mode, so a control shows the
/// value it sets). Each slot has a version that increases when its value changes, and the whole a version that increases
/// once per period in which any slot changed, so the feedback hub finds changes by comparing versions, coalesced to its own
/// rate. Fixed memory; values are written with <see cref="Volatile"/> before their version, so a reader that reads a
/// version and then the value gets that value or a newer one.
/// <para>Thread rules: <see cref="RtPublish"/> and <see cref="RtEndPeriod"/> from the audio thread only (they never
/// allocate, lock or throw); every other member from any control thread.</para>
/// </summary>
public sealed class PlayedValues
{
    private readonly double[] _values;
    private readonly long[] _versions;
    private long _version;
    private bool _changed;

    /// <summary>Creates the table for <paramref name="capacity"/> slots, none played; control side.</summary>
    public PlayedValues(int capacity)
    {
        _values = new double[capacity];
        Array.Fill(_values, double.NaN);
        _versions = new long[capacity];
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _values.Length;

    /// <summary>Increases after every period in which any slot changed (a reader compares it to skip a scan); any thread.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>The change version of <paramref name="slot"/> (0 = never played); read it before <see cref="Value"/>. Any thread.</summary>
    public long VersionOf(int slot) => Volatile.Read(ref _versions[slot]);

    /// <summary>What automation plays in <paramref name="slot"/> now, or NaN when nothing is played there for a control to show; any thread.</summary>
    public double Value(int slot) => Volatile.Read(ref _values[slot]);

    /// <summary>Publishes the value played in <paramref name="slot"/> (NaN: nothing to show); a value equal to the last one is no change. Audio thread.</summary>
    public void RtPublish(int slot, double value)
    {
        if (value.Equals(_values[slot])) return;
        Volatile.Write(ref _values[slot], value);
        Volatile.Write(ref _versions[slot], _versions[slot] + 1);
        _changed = true;
    }

    /// <summary>Ends a period's publication: bumps <see cref="Version"/> when any slot changed. Audio thread.</summary>
    public void RtEndPeriod()
    {
        if (!_changed) return;
        _changed = false;
        Volatile.Write(ref _version, _version + 1);
    }
}
