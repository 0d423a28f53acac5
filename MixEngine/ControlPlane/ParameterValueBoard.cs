namespace MixEngine.ControlPlane;

/// <summary>
/// The newest requested value of every parameter slot, with a change version and the client that made the change,
/// as the control side sees it (what the audio thread ramps towards). Writers of one slot are serialised by a lock
/// stripe so that a relative change reads and writes atomically and the engine receives values in the order they were
/// made; the feedback hub compares versions to find what changed since its last delivery. Control threads only (the
/// audio thread never touches it); memory is fixed at construction.
/// </summary>
internal sealed class ParameterValueBoard
{
    private const int Stripes = 64;
    private readonly object[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new object()).ToArray();
    private readonly double[] _values;
    private readonly long[] _versions;
    private readonly int[] _sources;
    private long _version;

    /// <summary>Creates the board for <paramref name="capacity"/> slots, all 0.</summary>
    public ParameterValueBoard(int capacity)
    {
        _values = new double[capacity];
        _versions = new long[capacity];
        _sources = new int[capacity];
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _values.Length;

    /// <summary>Increases with every change of any slot (a reader compares it to skip a scan).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The lock that serialises changes of <paramref name="slot"/>; hold it across read-modify-write and the hand-off to the engine.</summary>
    public object StripeOf(int slot) => _stripes[slot % Stripes];

    /// <summary>The newest value of <paramref name="slot"/>.</summary>
    public double Value(int slot) => Volatile.Read(ref _values[slot]);

    /// <summary>The change version of <paramref name="slot"/> (0 = never changed through the control plane).</summary>
    public long VersionOf(int slot) => Volatile.Read(ref _versions[slot]);

    /// <summary>Sets a slot's starting value without counting it as a change (session load, a new parameter after an edit); caller holds the stripe or no one else knows the slot yet.</summary>
    public void Seed(int slot, double value) => Volatile.Write(ref _values[slot], value);

    /// <summary>Records a change made by <paramref name="source"/>; the caller holds <see cref="StripeOf"/>(<paramref name="slot"/>).</summary>
    public void Change(int slot, double value, ControlClientId source)
    {
        Volatile.Write(ref _values[slot], value);
        Volatile.Write(ref _sources[slot], source.Value);
        Volatile.Write(ref _versions[slot], _versions[slot] + 1);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Reads value, source and version of a slot consistently (takes the slot's stripe).</summary>
    public (double Value, ControlClientId Source, long Version) Read(int slot)
    {
        lock (StripeOf(slot)) return (_values[slot], new ControlClientId(_sources[slot]), _versions[slot]);
    }
}
