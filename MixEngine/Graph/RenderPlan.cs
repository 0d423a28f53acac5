using MixEngine.Files;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// A session compiled for rendering: track nodes (clip playback + strip), bus nodes in topological levels, the mix
/// contributions between them, and every buffer preallocated (planar, one double[] per channel, block-sized).
/// Built once by <see cref="RenderPlanBuilder"/> on the control side; then run block by block by one driver (offline
/// now, realtime later), which owns it exclusively until it disposes it.
/// <para>Thread rules:</para>
/// <list type="bullet">
/// <item>Building and <see cref="Dispose"/> are control side (they allocate, open and close media).</item>
/// <item><see cref="RtRenderBlock"/> is called by one driver thread at a time. With <see cref="RenderWorkers"/> it runs,
/// stage by stage in topological order (a strip keyed by another runs a stage after its key), the stage's tracks (clip
/// read + strip), its bus channels (sum feeders in fixed order + strip; for a bus summed in two parts, the parts, then
/// a short phase that adds them and runs the strip) and its buses' inserted processing (one item per bus: linked over
/// the channels) across the team, with a barrier after each phase. Without workers it does the
/// same on the calling thread. Either way it never allocates or locks (workers sleep on a semaphore only when idle).</item>
/// <item>Determinism: each bus channel sums its feeders in one fixed order (tracks in session order, then buses in session
/// order; a bus of many feeders in two fixed parts, <see cref="BusNode.SplitFeeders"/>) with separate multiply and add,
/// clip gains and fades are computed from absolute positions, and no value depends on which thread ran an item or where
/// a block starts, so output is bit-identical for any thread count and block size.</item>
/// <item>Bus outputs (<see cref="MixNode.OutputBuffers"/>, aligned to <see cref="LatencySamples"/>) are valid after <see cref="RtRenderBlock"/> returns and
/// until the next call; drivers print or play them from there.</item>
/// </list>
/// </summary>
public sealed class RenderPlan : IDisposable
{
    private readonly TrackNode[] _tracks;
    private readonly BusNode[] _buses;
    private readonly Stage[] _stages;
    private readonly IMediaReader[] _readers;
    private readonly Dictionary<string, BusNode> _busById = new();
    private readonly BatchLanes _batchLanes;
    private long _nextPosition = -1;

    internal RenderPlan(MixSession session, int blockSize, TrackNode[] tracks, int[] trackStages, BusNode[] buses, IMediaReader[] readers,
        Dictionary<string, IRtParameter> parameters, int latencySamples, AutomationPlayback automation)
    {
        Parameters = parameters;
        Automation = automation;
        Session = session;
        BlockSize = blockSize;
        LatencySamples = latencySamples;
        _tracks = tracks;
        _buses = buses;
        _readers = readers;
        foreach (var b in buses) _busById[b.Id] = b;
        int stageCount = 1;
        foreach (var b in buses) stageCount = Math.Max(stageCount, b.Level + 1);
        foreach (int t in trackStages) stageCount = Math.Max(stageCount, t + 1);
        _stages = new Stage[stageCount];
        _batchLanes = new BatchLanes(blockSize);
        for (int l = 0; l < stageCount; l++)
        {
            var stageBuses = Array.FindAll(buses, b => b.Level == l);
            var batches = TrackBatch.Group(tracks.Where((_, i) => trackStages[i] == l).ToArray(), _batchLanes);
            var level = new LevelPhase(stageBuses);
            _stages[l] = new Stage(new TrackPhase(batches), level, new FinishPhase(level),
                new ChainPhase(Array.FindAll(stageBuses, b => b.Chain is not null)));
        }
    }

    /// <summary>
    /// Samples by which every bus's <see cref="MixNode.OutputBuffers"/> lag the timeline (the deepest processing latency of
    /// the plan; 0 without look-ahead processing). A print of timeline sample t is output sample t + LatencySamples.
    /// </summary>
    public int LatencySamples { get; }

    /// <summary>The session this plan was built from.</summary>
    public MixSession Session { get; }

    /// <summary>Largest block <see cref="RtRenderBlock"/> accepts.</summary>
    public int BlockSize { get; }

    /// <summary>Session sample rate.</summary>
    public int SampleRate => Session.SampleRate;

    /// <summary>Track nodes in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    /// <summary>
    /// Loads, on the calling thread, the media every track reads first when it plays from timeline
    /// <paramref name="position"/>, so that block reads nothing from disk on the render team (a reel of 128 tracks
    /// otherwise loads 128 chunks in its first period). Control side, before the plan plays.
    /// </summary>
    public void CueMedia(long position)
    {
        foreach (var track in _tracks) track.CueMedia(position);
    }

    /// <summary>Blocks in which a batch of tracks ran its EQs together as vector lanes (<see cref="TrackBatch"/>); lock-free, any thread.</summary>
    public long BatchedEqBlocks => _batchLanes.BatchedEqBlocks;

    /// <summary>Blocks in which a batch of tracks ran its compressors together as vector lanes (<see cref="TrackBatch"/>); lock-free, any thread.</summary>
    public long BatchedCompressorBlocks => _batchLanes.BatchedCompressorBlocks;

    /// <summary>Bus nodes in session order.</summary>
    public IReadOnlyList<BusNode> Buses => _buses;

    /// <summary>
    /// The plan's live parameters by address in name form (<c>track/DX 1/fader</c>, <c>vca/Dialog/mute</c>): every trim,
    /// polarity, fader, mute, solo, soloSafe and pan control (x, y, z, width, rotation, divergence, lfe, height) of a track
    /// or bus and every VCA fader and mute. A driver sets them on its thread between blocks; the owning stage ramps the
    /// change (gain stages over the next block, pans over <see cref="RenderPlanBuilder.PanRampSeconds"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IRtParameter> Parameters { get; }

    /// <summary>The session's automation lanes as this plan plays them.</summary>
    public AutomationPlayback Automation { get; }

    /// <summary>
    /// The largest block a driver may render from <paramref name="position"/> (at most <paramref name="count"/>): drivers cut
    /// blocks here so non-gain automation changes at the same samples for any block size. Driver thread.
    /// </summary>
    public int RtBlockLimit(long position, int count) => Automation.RtBlockLimit(position, count);

    /// <summary>The live parameter at <paramref name="address"/> (name form); control side, throws <see cref="KeyNotFoundException"/> naming the address.</summary>
    public IRtParameter Parameter(string address) =>
        Parameters.TryGetValue(address, out var p) ? p : throw new KeyNotFoundException($"the plan has no live parameter at '{address}'");

    /// <summary>
    /// NaN/Inf resets of every strip processor since the plan was built: the total a realtime engine publishes to the
    /// control side. Lock-free, any thread (the counters are written by the render workers).
    /// </summary>
    public long NonFiniteResetTotal
    {
        get
        {
            long total = 0;
            foreach (var t in _tracks) total += t.Chain?.NonFiniteResets ?? 0;
            foreach (var b in _buses) total += b.Chain?.NonFiniteResets ?? 0;
            return total;
        }
    }

    /// <summary>Every strip processor that has produced NaN/Inf since the plan was built, with its count; control side (allocates).</summary>
    public IReadOnlyList<NonFiniteReset> NonFiniteResets()
    {
        var list = new List<NonFiniteReset>();
        foreach (var node in _tracks.Concat<MixNode>(_buses))
        {
            if (node.Chain is null) continue;
            string scope = node is TrackNode ? "track" : "bus";
            foreach (var p in node.Chain.Processors)
                if (p.NonFiniteResets > 0) list.Add(new NonFiniteReset($"{scope}/{node.Name}/{p.Name}", p.NonFiniteResets));
        }
        return list;
    }

    /// <summary>Number of stages: each runs its tracks, then its bus channels, then its buses' processing (keyed strips wait a stage for their key).</summary>
    public int LevelCount => _stages.Length;

    /// <summary>The bus node with id <paramref name="id"/>; control side (throws <see cref="KeyNotFoundException"/> naming the id).</summary>
    public BusNode Bus(string id) =>
        _busById.TryGetValue(id, out var bus) ? bus : throw new KeyNotFoundException($"the plan has no bus with id '{id}'");

    /// <summary>
    /// Renders timeline samples [<paramref name="position"/>, position + <paramref name="count"/>) into every node's
    /// buffers (count ≤ <see cref="BlockSize"/>). Driver thread. With <paramref name="workers"/>, a failure of an item
    /// (a media reader that throws) is rethrown after the phase barrier.
    /// </summary>
    public void RtRenderBlock(long position, int count, RenderWorkers? workers) => RtRenderBlock(position, count, workers, null, 0);

    /// <summary>
    /// As <see cref="RtRenderBlock(long, int, RenderWorkers?)"/>, also running items 0 … <paramref name="alongsideItems"/> − 1
    /// of <paramref name="alongside"/> in the track phase (before the tracks, so long items start first). A driver uses it to
    /// write the previous block's prints while this block's tracks render; those items must not touch the plan's buffers.
    /// </summary>
    public void RtRenderBlock(long position, int count, RenderWorkers? workers, IBlockPhase? alongside, int alongsideItems)
    {
        var times = PhaseTimes;
        long mark = times is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        Automation.RtBeginBlock(position, count);
        int extra = alongside is null ? 0 : alongsideItems;
        if (position != _nextPosition)
        {
            foreach (var t in _tracks) t.RtLocate();
            foreach (var b in _buses) b.RtLocate();
        }
        _nextPosition = position + count;
        times?.RtLap(PlanPhase.Automation, ref mark);
        for (int s = 0; s < _stages.Length; s++)
        {
            var stage = _stages[s];
            stage.Tracks.Set(position, count, s == 0 ? alongside : null, s == 0 ? extra : 0);
            RtRun(stage.Tracks, stage.Tracks.ItemCount, workers);
            times?.RtLap(PlanPhase.Tracks, ref mark);
            stage.Buses.Begin(position, count);
            RtRun(stage.Buses, stage.Buses.ItemCount, workers);
            if (stage.Finish.ItemCount > 0)
            {
                stage.Finish.Begin(count);
                RtRun(stage.Finish, stage.Finish.ItemCount, workers);
            }
            times?.RtLap(PlanPhase.BusSums, ref mark);
            stage.Chains.Begin(count);
            RtRun(stage.Chains, stage.Chains.ItemCount, workers);
            times?.RtLap(PlanPhase.BusChains, ref mark);
        }
    }

    /// <summary>
    /// Where <see cref="RtRenderBlock(long, int, RenderWorkers?)"/> adds the wall time of each phase, or null (the default:
    /// nothing is timed). Set on the control side before the plan is handed to its driver.
    /// </summary>
    public PlanPhaseTimes? PhaseTimes { get; set; }

    /// <summary>
    /// Ends every smoothing in the plan at its target: gain ramps, pan ramps, bypass crossfades and the kernels' parameter
    /// glides, keeping filter and dynamics state. A driver calls it after applying values while no block renders (the
    /// transport stopped), so the first sample played has them; values applied while rolling still ramp. Driver thread,
    /// between blocks; never allocates.
    /// </summary>
    public void RtSettle()
    {
        foreach (var t in _tracks) t.RtSettle();
        foreach (var b in _buses) b.RtSettle();
    }

    private static void RtRun(IBlockPhase phase, int items, RenderWorkers? workers)
    {
        if (workers is null) for (int i = 0; i < items; i++) phase.RtRunItem(i);
        else workers.RunPhase(phase, items);
    }

    private sealed record Stage(TrackPhase Tracks, LevelPhase Buses, FinishPhase Finish, ChainPhase Chains);

    private sealed class ChainPhase(BusNode[] buses) : IBlockPhase
    {
        private int _count;

        public int ItemCount => buses.Length;

        public void Begin(int count) => _count = count;

        public void RtRunItem(int item) => buses[item].RtProcessChain(_count);
    }

    /// <summary>
    /// The first media read that failed since the plan was built (file, chunk and byte offset), or null. The failed
    /// frames were mixed as silence, so a driver that prints checks this after every block and stops. Control side.
    /// </summary>
    public MediaFormatException? MediaFailure
    {
        get
        {
            foreach (var r in _readers)
                if (r.ReadFailure is { } failure) return failure;
            return null;
        }
    }

    /// <summary>Closes the media readers; control side, after the last block.</summary>
    public void Dispose()
    {
        foreach (var r in _readers) r.Dispose();
    }

    private sealed class TrackPhase(TrackBatch[] tracks) : IBlockPhase
    {
        private long _position;
        private int _count;
        private IBlockPhase? _alongside;
        private int _alongsideItems;

        public void Set(long position, int count, IBlockPhase? alongside, int alongsideItems)
        {
            _position = position;
            _count = count;
            _alongside = alongside;
            _alongsideItems = alongsideItems;
        }

        public int ItemCount => _alongsideItems + tracks.Length;

        public void RtRunItem(int item)
        {
            if (item < _alongsideItems)
            {
                _alongside!.RtRunItem(item);
                return;
            }
            int t = item - _alongsideItems;
            if (t + 1 < tracks.Length) tracks[t + 1].RtPrefetch(_position, _count);
            tracks[t].RtProcess(_position, _count);
        }
    }

    // The buses of one level; an item sums a group of up to ChannelsPerItem channels of one bus (the groups of a bus
    // as even as possible), so a feeder's silence and buffers are looked at once per group, not per channel, and a
    // render team still shares a wide bus. A bus that sums its feeders in two parts (BusNode.SplitFeeders) has an item
    // per group and part: every first part comes before every second part, so the driver, which takes items from the
    // front as it took the first tracks, tends to sum the tracks it rendered, and a worker, from the end, its own; the
    // FinishPhase then completes those groups. Part -1: the whole sum and the strip in one item.
    private sealed class LevelPhase : IBlockPhase
    {
        private const int ChannelsPerItem = 4;
        private readonly BusNode[] _buses;
        private readonly (BusNode Bus, int Part, int First, int End)[] _items;
        private int _count;

        public LevelPhase(BusNode[] buses)
        {
            _buses = buses;
            var front = new List<(BusNode, int, int, int)>();
            var second = new List<(BusNode, int, int, int)>();
            var finish = new List<(BusNode, int, int)>();
            foreach (var b in buses)
            {
                int channels = b.Layout.ChannelCount, groups = (channels + ChannelsPerItem - 1) / ChannelsPerItem;
                for (int g = 0; g < groups; g++)
                {
                    int first = channels * g / groups, end = channels * (g + 1) / groups;
                    if (!b.SumsInParts)
                    {
                        front.Add((b, -1, first, end));
                        continue;
                    }
                    front.Add((b, 0, first, end));
                    second.Add((b, 1, first, end));
                    finish.Add((b, first, end));
                }
            }
            _items = [.. front, .. second];
            FinishItems = finish.ToArray();
        }

        // The channel groups of the buses that sum in parts, in item order.
        public (BusNode Bus, int First, int End)[] FinishItems { get; }

        public int ItemCount => _items.Length;

        public void Begin(long position, int count)
        {
            _count = count;
            foreach (var b in _buses) b.RtBeginBlock(position, count);
        }

        public void RtRunItem(int item)
        {
            var (bus, part, first, end) = _items[item];
            if (part < 0) bus.RtProcessChannels(first, end, _count);
            else bus.RtSumPart(part, first, end, _count);
        }
    }

    // After a LevelPhase: completes each channel group of its buses that sum in parts (adds the second part, runs the strip).
    private sealed class FinishPhase(LevelPhase level) : IBlockPhase
    {
        private readonly (BusNode Bus, int First, int End)[] _items = level.FinishItems;
        private int _count;

        public int ItemCount => _items.Length;

        public void Begin(int count) => _count = count;

        public void RtRunItem(int item)
        {
            var (bus, first, end) = _items[item];
            bus.RtFinishChannels(first, end, _count);
        }
    }
}
