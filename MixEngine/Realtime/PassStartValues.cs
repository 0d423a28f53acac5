namespace MixEngine.Realtime;

/// <summary>
/// Every parameter slot's value as the audio thread had applied it when a live pass started (docs/automation.md, Live
/// passes): the recorder takes these as the values the pass starts from (what a lane-less control plays and glides
/// back to), not the control side's values when the feedback hub gets to the pass start, which may already hold moves
/// made in the pass's first blocks. The last <see cref="Depth"/> passes are kept, each under its number (the
/// <see cref="StampedKind.PassStart"/> stamp carries it), with a sequence check so a reader never takes a torn copy.
/// <para>Thread rules: <see cref="RtPublish"/> on the audio thread only (preallocated, no allocation, lock or throw);
/// <see cref="TryRead"/> from one control thread (the feedback hub's).</para>
/// </summary>
internal sealed class PassStartValues
{
    /// <summary>Passes kept: a reader more than this many passes behind gets nothing for the older ones.</summary>
    public const int Depth = 4;

    private readonly double[][] _values;
    private readonly long[] _pass;

    /// <summary>Preallocates <see cref="Depth"/> copies of <paramref name="slotCapacity"/> values; control side.</summary>
    public PassStartValues(int slotCapacity)
    {
        _values = new double[Depth][];
        for (int i = 0; i < Depth; i++) _values[i] = new double[slotCapacity];
        _pass = new long[Depth];
    }

    /// <summary>Stores <paramref name="values"/> (one per slot, NaN where none) as the start of pass number <paramref name="pass"/> (1, 2, …). Audio thread.</summary>
    public void RtPublish(long pass, double[] values)
    {
        int i = (int)(pass % Depth);
        Volatile.Write(ref _pass[i], -pass);
        Array.Copy(values, _values[i], Math.Min(values.Length, _values[i].Length));
        Volatile.Write(ref _pass[i], pass);
    }

    /// <summary>Copies the start values of pass <paramref name="pass"/> into <paramref name="into"/>; false when they were overwritten by a newer pass (or are being written). Control side.</summary>
    public bool TryRead(long pass, double[] into)
    {
        int i = (int)(pass % Depth);
        if (pass <= 0 || Volatile.Read(ref _pass[i]) != pass) return false;
        Array.Copy(_values[i], into, Math.Min(into.Length, _values[i].Length));
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _pass[i]) == pass;
    }
}
