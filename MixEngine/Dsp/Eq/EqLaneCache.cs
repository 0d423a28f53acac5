namespace MixEngine.Dsp.Eq;

/// <summary>
/// The settled sections of one fixed group of lanes (a track batch's strips, the same every block) kept across blocks in
/// the interleaved layout <see cref="EqLanes"/> runs them in: per section its coefficients (b0 b1 b2 −a1 −a2) and its
/// filter state (x1 x2 y1 y2), each a vector of the lanes' values, and where each lane's state lives in its kernel. A
/// block whose lanes are the same kernels and channels as the cache's, none of which anything else changed since the
/// cache's last block (each kernel's <see cref="ParametricEq.RtVersion"/> is the one the cache left it at), runs from
/// the cache without reading the kernels' coefficients, band list or state; the state reached is still written back to
/// each kernel (write-through), so the kernels stay current for whatever runs them next. Any other block gathers the
/// sections afresh into the cache. The cache holds no value the kernels do not also hold, so it never changes output.
/// It also carries the same lanes' <see cref="EqLaneBells"/>, which hold gain-automated bands while they move.
/// <para>Threads: construction (allocates the arrays for the most sections a kernel can run) on the control side;
/// everything else on the thread running the lanes, through <see cref="EqLanes"/>.</para>
/// </summary>
public sealed class EqLaneCache
{
    /// <summary>Most sections a kernel runs (every band at its most sections).</summary>
    internal const int MaxSections = ParametricEq.MaxBands * EqDesigner.MaxSections;

    /// <summary>Doubles per section: <see cref="EqDesigner.Stride"/> coefficient vectors then 4 state vectors, <see cref="EqLanes.Lanes"/> lanes each.</summary>
    internal const int SectionDoubles = (EqDesigner.Stride + 4) * EqLanes.Lanes;

    /// <summary>Where the state vectors start inside a section's doubles.</summary>
    internal const int StateAt = EqDesigner.Stride * EqLanes.Lanes;

    private readonly ParametricEq?[] _eqs = new ParametricEq?[EqLanes.Lanes];
    private readonly int[] _channels = new int[EqLanes.Lanes];
    private readonly long[] _versions = new long[EqLanes.Lanes];
    private int _count;

    /// <summary>Sections, each <see cref="SectionDoubles"/> long; lanes not in use hold zeros.</summary>
    internal readonly double[] Sections = new double[MaxSections * SectionDoubles];

    /// <summary>Where the state of section s of lane l starts in its kernel's <see cref="ParametricEq.RtState"/> (index s × Lanes + l).</summary>
    internal readonly int[] StateOffsets = new int[MaxSections * EqLanes.Lanes];

    /// <summary>The gain-automated bells of the same lanes, held while they move (<see cref="EqLaneBells"/>).</summary>
    internal EqLaneBells Bells { get; } = new();

    /// <summary>Blocks run from the cache without gathering (for tests and diagnostics); the thread running the lanes.</summary>
    public long Hits { get; private set; }

    /// <summary>Sections the cached lanes run.</summary>
    internal int SectionCount { get; private set; }

    /// <summary>
    /// True when lanes 0 … <paramref name="count"/> − 1 are channels <paramref name="channels"/> of kernels
    /// <paramref name="eqs"/>, as cached, and no kernel changed since the cache's last block. Rt.
    /// </summary>
    internal bool RtHolds(ParametricEq[] eqs, int[] channels, int count)
    {
        if (count != _count) return false;
        for (int l = 0; l < count; l++)
            if (!ReferenceEquals(eqs[l], _eqs[l]) || channels[l] != _channels[l] || eqs[l].RtVersion != _versions[l]) return false;
        Hits++;
        return true;
    }

    /// <summary>Forgets the lanes (the next block gathers). Rt.</summary>
    internal void RtForget() => _count = 0;

    /// <summary>Takes lanes 0 … <paramref name="count"/> − 1 as the cached ones, running <paramref name="sections"/> sections (their data gathered by the caller). Rt.</summary>
    internal void RtTake(ParametricEq[] eqs, int[] channels, int count, int sections)
    {
        for (int l = 0; l < count; l++)
        {
            _eqs[l] = eqs[l];
            _channels[l] = channels[l];
        }
        for (int l = count; l < EqLanes.Lanes; l++) _eqs[l] = null;
        _count = count;
        SectionCount = sections;
    }

    /// <summary>Records each lane's kernel version after the block the cache ran (its own advance included). Rt.</summary>
    internal void RtStamp()
    {
        for (int l = 0; l < _count; l++) _versions[l] = _eqs[l]!.RtVersion;
    }
}
