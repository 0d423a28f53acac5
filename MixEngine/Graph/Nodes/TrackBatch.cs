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
/// runs a stage after its key), so the order inside a batch changes nothing. The lanes are the plan's shared
/// <see cref="BatchLanes"/> (scratch, taken for the block); the EQ sections the batch's lanes run while settled stay
/// in the batch's own <see cref="EqLaneCache"/> from block to block (the lanes are the same strips every block, so a
/// block neither lists nor gathers them); what the loops read of each strip is one <see cref="BatchStrip"/> record in
/// an array of the batch.
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on one render worker per block; no
/// allocation, lock or throw.</para>
/// </summary>
public sealed class TrackBatch
{
    private readonly TrackNode[] _tracks;
    private readonly BatchStrip[] _strips;
    private readonly BatchLanes _lanes;
    private readonly EqLaneCache? _eqCache;

    private TrackBatch(TrackNode[] tracks, BatchLanes lanes)
    {
        _tracks = tracks;
        _lanes = lanes;
        _strips = tracks.Length > 1 ? Array.ConvertAll(tracks, t => BatchStrip.For(t, t.Chain!)) : [];
        _eqCache = tracks.Length > 1 ? new EqLaneCache() : null;
    }

    /// <summary>The tracks of the batch, in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    /// <summary>
    /// Splits a stage's <paramref name="tracks"/> (session order) into batches: runs of consecutive tracks whose chain
    /// starts with an EQ, packed while their channels fit the lanes; every other track alone. Reserves in
    /// <paramref name="lanes"/> a set for each batch of several tracks (all may run at once). Control side.
    /// </summary>
    public static TrackBatch[] Group(IReadOnlyList<TrackNode> tracks, BatchLanes lanes)
    {
        var batches = new List<TrackBatch>();
        var run = new List<TrackNode>();
        int channelsInRun = 0;
        foreach (var t in tracks)
        {
            int channels = t.Layout.ChannelCount;
            bool batchable = t.Chain is { StartsWithEq: true } && channels <= EqLanes.Lanes;
            if (run.Count > 0 && (!batchable || channelsInRun + channels > EqLanes.Lanes))
            {
                batches.Add(new TrackBatch(run.ToArray(), lanes));
                run.Clear();
                channelsInRun = 0;
            }
            if (!batchable)
            {
                batches.Add(new TrackBatch([t], lanes));
                continue;
            }
            run.Add(t);
            channelsInRun += channels;
        }
        if (run.Count > 0) batches.Add(new TrackBatch(run.ToArray(), lanes));
        lanes.Reserve(batches.Count(b => b._strips.Length > 0));
        return batches.ToArray();
    }

    /// <summary>Renders timeline samples [<paramref name="position"/>, position + <paramref name="count"/>) of every track of the batch. Rt.</summary>
    public void RtProcess(long position, int count)
    {
        var strips = _strips;
        if (strips.Length == 0)
        {
            _tracks[0].RtProcess(position, count);
            return;
        }
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            s.ChainPending = s.Track.RtPlayInput(position, count);
            s.InLanes = false;
            s.Batched = 0;
        }
        int set = _lanes.RtTake();
        if (set >= 0)
        {
            var eq = _lanes.Eq(set);
            if (RtRunEqLanes(eq, count)) RtRunCompressorLanes(eq, _lanes.Compressors(set), count);
            _lanes.RtGive(set);
        }
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (s.ChainPending)
            {
                if (s.Batched == s.Processors) s.Track.RtRunOutput(count);
                else s.Track.RtRunChain(count, s.Batched);
            }
            s.Track.RtFinishBlock(count);
        }
    }

    /// <summary>Asks the processor for what the batch's next <see cref="RtProcess"/> touches first (<see cref="TrackNode.RtPrefetch"/>); a hint, one work item ahead. Rt.</summary>
    public void RtPrefetch(long position, int count)
    {
        foreach (var t in _tracks) t.RtPrefetch(position, count);
    }

    // The steady head EQs of the tracks whose chain runs this block, as lanes; false, with no strip in the lanes, when
    // fewer than two strips qualify or the lanes differ in sections (every track then runs its own EQ in its chain).
    private bool RtRunEqLanes(EqLanes lanes, int count)
    {
        var strips = _strips;
        lanes.RtClear();
        int added = 0;
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (!s.ChainPending || s.HeadEq is not { RtSteadyOn: true } eq) continue;
            var kernel = eq.Kernel;
            var buffers = s.Buffers;
            s.FirstLane = lanes.Count;
            for (int c = 0; c < buffers.Length; c++) lanes.RtAdd(kernel, c, buffers[c]);
            s.InLanes = true;
            added++;
        }
        if (added >= 2 && lanes.RtProcess(count, _eqCache!)) return true;
        for (int t = 0; t < strips.Length; t++) strips[t].InLanes = false;
        return false;
    }

    // Accepts the EQs the lanes ran (a NaN silences that strip for the block, as in its chain; the lanes checked their
    // output while splitting it back), then runs the steady mono compressors right behind them as lanes and accepts
    // those; Batched says how far each chain got.
    private void RtRunCompressorLanes(EqLanes eqLanes, CompressorLanes lanes, int count)
    {
        var strips = _strips;
        lanes.RtClear();
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (!s.InLanes) continue;
            var buffers = s.Buffers;
            if (!eqLanes.RtLanesFinite(s.FirstLane, buffers.Length))
            {
                s.Chain.RtRejectBatched(0, buffers, count);
                s.Batched = s.Processors;
                s.InLanes = false;
                continue;
            }
            s.Batched = 1;
            s.InLanes = s.CompressorAfterEq is { RtSteadyOn: true } compressor && lanes.RtAdd(compressor.Kernel, buffers[0]);
        }
        if (lanes.Count < 2 || !lanes.RtProcess(count)) return;
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (!s.InLanes) continue;
            if (StripKernel.RtAllFinite(s.Buffers, count)) s.Batched = 2;
            else
            {
                s.Chain.RtRejectBatched(1, s.Buffers, count);
                s.Batched = s.Processors;
            }
        }
    }
}
