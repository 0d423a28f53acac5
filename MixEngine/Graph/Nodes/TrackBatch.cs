using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// One work item of a stage's track phase: one track, or several whose strips start with an EQ and whose channels fit
/// the batch's <see cref="BatchLanes.Parts"/> parts of at most <see cref="EqLanes.Lanes"/> channels each (consecutive
/// strips fill a part, then the next; a strip's channels stay in one part). A batch plays every track's clips and input
/// stage, runs the EQs of those whose EQ is steady as lanes of one <see cref="EqLanes"/> per part, then the compressors
/// right behind those EQs (mono, steady, unkeyed, no sidechain filter) as lanes of one <see cref="CompressorLanes"/>
/// per part, the parts' compressors together (<see cref="CompressorLanes.RtProcessPair"/>: their ballistics share a
/// pass), all bit-identical to running the kernels one by one; each processor's output is checked for NaN/Inf as the
/// chain checks it. Then the rest of each chain, the output stages and the delays. Tracks are independent until the sum
/// (a keyed track runs a stage after its key), so the order inside a batch changes nothing. The lanes are the plan's
/// shared <see cref="BatchLanes"/> (scratch, taken for the block); the EQ sections each part's lanes run while settled
/// stay in the batch's own <see cref="EqLaneCache"/> for that part from block to block (the lanes are the same strips
/// every block, so a block neither lists nor gathers them); what the loops read of each strip is one
/// <see cref="BatchStrip"/> record in an array of the batch.
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on one render worker per block; no
/// allocation, lock or throw.</para>
/// </summary>
public sealed class TrackBatch
{
    private readonly TrackNode[] _tracks;
    private readonly BatchStrip[] _strips;
    private readonly BatchLanes _lanes;
    private readonly EqLaneCache[] _eqCaches;

    private TrackBatch(TrackNode[] tracks, BatchLanes lanes)
    {
        _tracks = tracks;
        _lanes = lanes;
        _strips = [];
        _eqCaches = [];
        if (tracks.Length < 2) return;
        _strips = new BatchStrip[tracks.Length];
        var fill = new PartFill();
        for (int t = 0; t < tracks.Length; t++)
        {
            fill.TryAdd(tracks[t].Layout.ChannelCount);
            _strips[t] = BatchStrip.For(tracks[t], tracks[t].Chain!, fill.Part);
        }
        _eqCaches = new EqLaneCache[BatchLanes.Parts];
        for (int p = 0; p < _eqCaches.Length; p++) _eqCaches[p] = new EqLaneCache();
    }

    /// <summary>The tracks of the batch, in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    // The parts of a batch being filled: strips in order, each into the current part while its channels fit, else into
    // the next one.
    private struct PartFill
    {
        public int Part;
        private int _channels;

        public bool TryAdd(int channels)
        {
            if (_channels + channels > EqLanes.Lanes)
            {
                if (_channels == 0 || Part + 1 == BatchLanes.Parts) return false;
                Part++;
                _channels = 0;
            }
            _channels += channels;
            return true;
        }
    }

    /// <summary>
    /// Splits a stage's <paramref name="tracks"/> (session order) into batches: runs of consecutive tracks whose chain
    /// starts with an EQ, packed while their channels fit the parts; every other track alone. Reserves in
    /// <paramref name="lanes"/> a set for each batch of several tracks (all may run at once). Control side.
    /// </summary>
    public static TrackBatch[] Group(IReadOnlyList<TrackNode> tracks, BatchLanes lanes)
    {
        var batches = new List<TrackBatch>();
        var run = new List<TrackNode>();
        var fill = new PartFill();
        foreach (var t in tracks)
        {
            int channels = t.Layout.ChannelCount;
            bool batchable = t.Chain is { StartsWithEq: true } && channels <= EqLanes.Lanes;
            if (run.Count > 0 && (!batchable || !fill.TryAdd(channels)))
            {
                batches.Add(new TrackBatch(run.ToArray(), lanes));
                run.Clear();
                fill = new PartFill();
                if (batchable) fill.TryAdd(channels);
            }
            else if (batchable && run.Count == 0) fill.TryAdd(channels);
            if (!batchable)
            {
                batches.Add(new TrackBatch([t], lanes));
                continue;
            }
            run.Add(t);
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
            bool any = false;
            for (int p = 0; p < BatchLanes.Parts; p++) any |= RtRunEqLanes(p, _lanes.Eq(set, p), count);
            if (any) RtRunCompressorLanes(set, count);
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

    /// <summary>
    /// Asks the processor for what the batch's next <see cref="RtProcess"/> touches first: each track's (<see
    /// cref="TrackNode.RtPrefetch"/>), then the batch's own lane state, that is the settled EQ sections its lane caches
    /// hold, and each strip's EQ kernel with its filter state and its compressor kernel. A hint, one work item ahead;
    /// nothing changes. Rt. (Measured on the realtime reel: the tracks' part saves about 12 % of a period, the lane state
    /// about 2 % more; docs/PERFORMANCE.md, "Where a period's time goes".)
    /// </summary>
    public void RtPrefetch(long position, int count)
    {
        foreach (var t in _tracks) t.RtPrefetch(position, count);
        foreach (var cache in _eqCaches)
        {
            StripPrefetch.RtFields(cache, 64);
            StripPrefetch.RtSamples(cache.Sections, cache.SectionCount * EqLaneCache.SectionDoubles);
        }
        var strips = _strips;
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (s.HeadEq is { } eq)
            {
                var kernel = eq.Kernel;
                StripPrefetch.RtFields(kernel, 128);
                // Another render worker may be running this batch: the state array is read once, so its length is its own.
                var state = kernel.RtState;
                StripPrefetch.RtSamples(state, state.Length);
            }
            if (s.CompressorAfterEq is { } compressor) StripPrefetch.RtFields(compressor.Kernel, 128);
        }
    }

    // The steady head EQs of part `part`'s tracks whose chain runs this block, as lanes; false, with no strip of the part
    // in the lanes, when fewer than two strips qualify or the lanes differ in sections (every such track then runs its
    // own EQ in its chain).
    private bool RtRunEqLanes(int part, EqLanes lanes, int count)
    {
        var strips = _strips;
        lanes.RtClear();
        int added = 0;
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (s.Part != part || !s.ChainPending || s.HeadEq is not { RtSteadyOn: true } eq) continue;
            var kernel = eq.Kernel;
            var buffers = s.Buffers;
            s.FirstLane = lanes.Count;
            for (int c = 0; c < buffers.Length; c++) lanes.RtAdd(kernel, c, buffers[c]);
            s.InLanes = true;
            added++;
        }
        if (added >= 2 && lanes.RtProcess(count, _eqCaches[part])) return true;
        for (int t = 0; t < strips.Length; t++)
            if (strips[t].Part == part) strips[t].InLanes = false;
        return false;
    }

    // Accepts the EQs the lanes ran (a NaN silences that strip for the block, as in its chain; the lanes checked their
    // output while splitting it back), then runs the steady mono compressors right behind them as lanes, each part's
    // in its own set and both parts' together where both have some (else a part's alone when it has two or more), and
    // accepts those (checked while the gains were applied, or read again where the lanes applied none); Batched says
    // how far each chain got.
    private void RtRunCompressorLanes(int set, int count)
    {
        var strips = _strips;
        var first = _lanes.Compressors(set, 0);
        var second = _lanes.Compressors(set, 1);
        first.RtClear();
        second.RtClear();
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (!s.InLanes) continue;
            var buffers = s.Buffers;
            if (!_lanes.Eq(set, s.Part).RtLanesFinite(s.FirstLane, buffers.Length))
            {
                s.Chain.RtRejectBatched(0, buffers, count);
                s.Batched = s.Processors;
                s.InLanes = false;
                continue;
            }
            s.Batched = 1;
            var lanes = s.Part == 0 ? first : second;
            s.CompressorLane = lanes.Count;
            s.InLanes = s.CompressorAfterEq is { RtSteadyOn: true } compressor && lanes.RtAdd(compressor.Kernel, buffers[0]);
        }
        bool ranFirst, ranSecond;
        if (first.Count > 0 && second.Count > 0) ranFirst = ranSecond = CompressorLanes.RtProcessPair(first, second, count);
        else
        {
            ranFirst = first.Count >= 2 && first.RtProcess(count);
            ranSecond = second.Count >= 2 && second.RtProcess(count);
        }
        if (!ranFirst && !ranSecond) return;
        for (int t = 0; t < strips.Length; t++)
        {
            ref var s = ref strips[t];
            if (!s.InLanes || !(s.Part == 0 ? ranFirst : ranSecond)) continue;
            var lanes = s.Part == 0 ? first : second;
            if (lanes.RtCheckedFinite(s.CompressorLane) || StripKernel.RtAllFinite(s.Buffers, count)) s.Batched = 2;
            else
            {
                s.Chain.RtRejectBatched(1, s.Buffers, count);
                s.Batched = s.Processors;
            }
        }
    }
}
