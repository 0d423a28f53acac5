using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The vector lanes (<see cref="EqLanes"/>, <see cref="CompressorLanes"/>) the track batches of a plan run their EQs
/// and compressors in, shared by all of them; a set holds <see cref="Parts"/> of each, one per part of a batch
/// (<see cref="TrackBatch"/>): the lanes hold no state from one block to the next (each kernel's state
/// and coefficients stay in the kernel), so a batch takes a free set for its block and gives it back, and a render
/// thread that runs batch after batch reuses the same few kilobytes of interleave buffers (hot in its caches) instead
/// of one set per batch (4 KiB each per 128 frames, all of them touched every period). There is a set for every batch
/// that can run at once (the multi-track batches of the largest stage), so taking one always succeeds; a batch that
/// found none would run each strip's chain alone, the same samples.
/// <para>Thread rules: sets are reserved on the control side while the plan is built; <see cref="RtTake"/> and
/// <see cref="RtGive"/> on the render worker that runs a batch (lock-free: a compare-exchange per set looked at, no
/// waiting); the counters lock-free from any thread.</para>
/// </summary>
public sealed class BatchLanes
{
    /// <summary>EQ lanes and compressor lanes in a set: the parts of a batch, each up to <see cref="EqLanes.Lanes"/> channels.</summary>
    public const int Parts = 2;

    private readonly int _blockSize;
    private EqLanes[] _eq = [];
    private CompressorLanes[] _compressors = [];
    private int[] _taken = [];

    /// <summary>An empty pool for blocks of up to <paramref name="blockSize"/> frames; control side.</summary>
    public BatchLanes(int blockSize) => _blockSize = blockSize;

    /// <summary>Sets in the pool.</summary>
    public int Sets => _taken.Length;

    /// <summary>Blocks in which a batch ran its EQs as vector lanes; lock-free from any thread.</summary>
    public long BatchedEqBlocks
    {
        get
        {
            long total = 0;
            foreach (var lanes in _eq) total += lanes.BatchedBlocks;
            return total;
        }
    }

    /// <summary>Blocks in which a batch ran its compressors as vector lanes; lock-free from any thread.</summary>
    public long BatchedCompressorBlocks
    {
        get
        {
            long total = 0;
            foreach (var lanes in _compressors) total += lanes.BatchedBlocks;
            return total;
        }
    }

    /// <summary>Grows the pool to at least <paramref name="sets"/> sets (batches that may run at once); control side, before any block.</summary>
    internal void Reserve(int sets)
    {
        if (sets <= _taken.Length) return;
        int had = _taken.Length;
        Array.Resize(ref _eq, sets * Parts);
        Array.Resize(ref _compressors, sets * Parts);
        _taken = new int[sets];
        for (int i = had * Parts; i < sets * Parts; i++)
        {
            _eq[i] = new EqLanes(_blockSize);
            _compressors[i] = new CompressorLanes(_blockSize);
        }
    }

    /// <summary>Takes the first free set and returns its number, or −1 when every set is taken. Rt; the batch's worker.</summary>
    internal int RtTake()
    {
        var taken = _taken;
        for (int i = 0; i < taken.Length; i++)
            if (Volatile.Read(ref taken[i]) == 0 && Interlocked.CompareExchange(ref taken[i], 1, 0) == 0) return i;
        return -1;
    }

    /// <summary>The EQ lanes of part <paramref name="part"/> of set <paramref name="set"/> (taken by the caller). Rt.</summary>
    internal EqLanes Eq(int set, int part) => _eq[set * Parts + part];

    /// <summary>The compressor lanes of part <paramref name="part"/> of set <paramref name="set"/> (taken by the caller). Rt.</summary>
    internal CompressorLanes Compressors(int set, int part) => _compressors[set * Parts + part];

    /// <summary>Gives set <paramref name="set"/> back after the batch's block. Rt; the worker that took it.</summary>
    internal void RtGive(int set) => Volatile.Write(ref _taken[set], 0);
}
