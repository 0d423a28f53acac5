using MixEngine.Dsp.Eq;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// One work item of a stage's track phase: one track, or several whose strips start with an EQ and have at most
/// <see cref="EqLanes.Lanes"/> channels together. A batch plays every track's clips and input stage, runs the EQs of
/// those whose EQ is settled as lanes of one <see cref="EqLanes"/> (bit-identical to running them one by one), then
/// the rest of each chain, the output stages and the delays. Tracks are independent until the sum (a keyed track
/// runs a stage after its key), so the order inside a batch changes nothing.
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on one render worker per block; no
/// allocation, lock or throw.</para>
/// </summary>
public sealed class TrackBatch
{
    private readonly TrackNode[] _tracks;
    private readonly bool[] _chainPending;
    private readonly bool[] _inLanes;
    private readonly EqLanes? _lanes;

    private TrackBatch(TrackNode[] tracks, int blockSize)
    {
        _tracks = tracks;
        _chainPending = new bool[tracks.Length];
        _inLanes = new bool[tracks.Length];
        if (tracks.Length > 1) _lanes = new EqLanes(blockSize);
    }

    /// <summary>The tracks of the batch, in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    /// <summary>Blocks in which the batch ran its EQs as vector lanes; lock-free from any thread.</summary>
    public long BatchedBlocks => _lanes?.BatchedBlocks ?? 0;

    /// <summary>
    /// Splits a stage's <paramref name="tracks"/> (session order) into batches: runs of consecutive tracks whose chain
    /// starts with an EQ, packed while their channels fit the lanes; every other track alone. Control side.
    /// </summary>
    public static TrackBatch[] Group(IReadOnlyList<TrackNode> tracks, int blockSize)
    {
        var batches = new List<TrackBatch>();
        var run = new List<TrackNode>();
        int lanes = 0;
        foreach (var t in tracks)
        {
            int channels = t.Layout.ChannelCount;
            bool batchable = t.Chain is { StartsWithEq: true } && channels <= EqLanes.Lanes;
            if (run.Count > 0 && (!batchable || lanes + channels > EqLanes.Lanes))
            {
                batches.Add(new TrackBatch(run.ToArray(), blockSize));
                run.Clear();
                lanes = 0;
            }
            if (!batchable)
            {
                batches.Add(new TrackBatch([t], blockSize));
                continue;
            }
            run.Add(t);
            lanes += channels;
        }
        if (run.Count > 0) batches.Add(new TrackBatch(run.ToArray(), blockSize));
        return batches.ToArray();
    }

    /// <summary>Renders timeline samples [<paramref name="position"/>, position + <paramref name="count"/>) of every track of the batch. Rt.</summary>
    public void RtProcess(long position, int count)
    {
        for (int t = 0; t < _tracks.Length; t++)
        {
            _chainPending[t] = _tracks[t].RtPlayInput(position, count);
            _inLanes[t] = false;
        }
        if (_lanes is not null) RtRunEqLanes(count);
        for (int t = 0; t < _tracks.Length; t++)
        {
            if (_chainPending[t]) _tracks[t].RtRunChain(count, _inLanes[t]);
            _tracks[t].RtFinishBlock(count);
        }
    }

    // The settled head EQs of the tracks whose chain runs this block, as lanes; when fewer than two strips qualify, or
    // the lanes differ in sections, every track runs its own EQ in its chain.
    private void RtRunEqLanes(int count)
    {
        var lanes = _lanes!;
        lanes.RtClear();
        int strips = 0;
        for (int t = 0; t < _tracks.Length; t++)
        {
            if (!_chainPending[t] || _tracks[t].Chain!.RtBatchableEq is not { } eq) continue;
            var buffers = _tracks[t].PreFaderBuffers;
            for (int c = 0; c < buffers.Length; c++) lanes.RtAdd(eq, c, buffers[c]);
            _inLanes[t] = true;
            strips++;
        }
        if (strips >= 2 && lanes.RtProcess(count)) return;
        Array.Clear(_inLanes);
    }
}
