using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// One work item of a stage's track phase: one track, or several whose strips start with an EQ and have at most
/// <see cref="EqLanes.Lanes"/> channels together. A batch plays every track's clips and input stage, runs the EQs of
/// those whose EQ is steady as lanes of one <see cref="EqLanes"/>, then the compressors right behind those EQs (mono,
/// steady, unkeyed, no sidechain filter) as lanes of one <see cref="CompressorLanes"/> (both bit-identical to running
/// the kernels one by one; each processor's output is checked for NaN/Inf as the chain checks it), then the rest of
/// each chain, the output stages and the delays. Tracks are independent until the sum (a keyed track
/// runs a stage after its key), so the order inside a batch changes nothing.
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on one render worker per block; no
/// allocation, lock or throw.</para>
/// </summary>
public sealed class TrackBatch
{
    private readonly TrackNode[] _tracks;
    private readonly bool[] _chainPending;
    private readonly bool[] _inLanes;
    private readonly int[] _batched;
    private readonly int[] _firstLane;
    private readonly EqLanes? _lanes;
    private readonly CompressorLanes? _compressorLanes;

    private TrackBatch(TrackNode[] tracks, int blockSize)
    {
        _tracks = tracks;
        _chainPending = new bool[tracks.Length];
        _inLanes = new bool[tracks.Length];
        _batched = new int[tracks.Length];
        _firstLane = new int[tracks.Length];
        if (tracks.Length > 1)
        {
            _lanes = new EqLanes(blockSize);
            _compressorLanes = new CompressorLanes(blockSize);
        }
    }

    /// <summary>The tracks of the batch, in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    /// <summary>Blocks in which the batch ran its EQs as vector lanes; lock-free from any thread.</summary>
    public long BatchedBlocks => _lanes?.BatchedBlocks ?? 0;

    /// <summary>Blocks in which the batch ran its compressors as vector lanes; lock-free from any thread.</summary>
    public long BatchedCompressorBlocks => _compressorLanes?.BatchedBlocks ?? 0;

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
            _batched[t] = 0;
        }
        if (_lanes is not null)
        {
            RtRunEqLanes(count);
            RtRunCompressorLanes(count);
        }
        for (int t = 0; t < _tracks.Length; t++)
        {
            if (_chainPending[t]) _tracks[t].RtRunChain(count, _batched[t]);
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
            _firstLane[t] = lanes.Count;
            for (int c = 0; c < buffers.Length; c++) lanes.RtAdd(eq, c, buffers[c]);
            _inLanes[t] = true;
            strips++;
        }
        if (strips >= 2 && lanes.RtProcess(count)) return;
        Array.Clear(_inLanes);
    }

    // Accepts the EQs the lanes ran (a NaN silences that strip for the block, as in its chain; the lanes checked their
    // output while splitting it back), then runs the steady mono compressors right behind them as lanes and accepts
    // those; _batched says how far each chain got.
    private void RtRunCompressorLanes(int count)
    {
        var lanes = _compressorLanes!;
        lanes.RtClear();
        for (int t = 0; t < _tracks.Length; t++)
        {
            if (!_inLanes[t]) continue;
            var track = _tracks[t];
            var chain = track.Chain!;
            var buffers = track.PreFaderBuffers;
            if (!chain.RtAcceptBatched(0, _lanes!.RtLanesFinite(_firstLane[t], buffers.Length), buffers, count))
            {
                _batched[t] = chain.ProcessorCount;
                _inLanes[t] = false;
                continue;
            }
            _batched[t] = 1;
            _inLanes[t] = track.KeySource is null && buffers.Length == 1 && chain.RtBatchableCompressorAfterEq is { } compressor
                && lanes.RtAdd(compressor, buffers[0]);
        }
        if (lanes.Count < 2 || !lanes.RtProcess(count)) return;
        for (int t = 0; t < _tracks.Length; t++)
        {
            if (!_inLanes[t]) continue;
            var chain = _tracks[t].Chain!;
            _batched[t] = chain.RtAcceptBatched(1, _tracks[t].PreFaderBuffers, count) ? 2 : chain.ProcessorCount;
        }
    }
}
