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
/// <item><see cref="RtRenderBlock"/> is called by one driver thread at a time. With <see cref="RenderWorkers"/> it runs
/// phase 1 (every track: clip read + strip) and then, level by level in topological order, phase 2 (every bus channel:
/// sum feeders in fixed order + strip) across the team, with a barrier after each phase. Without workers it does the
/// same on the calling thread. Either way it never allocates or locks (workers sleep on a semaphore only when idle).</item>
/// <item>Determinism: each bus channel sums its feeders in one fixed order (tracks in session order, then buses in session
/// order) with separate multiply and add, clip gains and fades are computed from absolute positions, and no value
/// depends on which thread ran an item or where a block starts, so output is bit-identical for any thread count and
/// block size.</item>
/// <item>Bus outputs (<see cref="MixNode.PostFaderBuffers"/>) are valid after <see cref="RtRenderBlock"/> returns and
/// until the next call; drivers print or play them from there.</item>
/// </list>
/// </summary>
public sealed class RenderPlan : IDisposable
{
    private readonly TrackNode[] _tracks;
    private readonly BusNode[] _buses;
    private readonly LevelPhase[] _levels;
    private readonly TrackPhase _trackPhase;
    private readonly IMediaReader[] _readers;
    private readonly Dictionary<string, BusNode> _busById = new();

    internal RenderPlan(MixSession session, int blockSize, TrackNode[] tracks, BusNode[] buses, IMediaReader[] readers,
        Dictionary<string, IRtParameter> parameters, AutomationPlayback automation)
    {
        Parameters = parameters;
        Automation = automation;
        Session = session;
        BlockSize = blockSize;
        _tracks = tracks;
        _buses = buses;
        _readers = readers;
        foreach (var b in buses) _busById[b.Id] = b;
        int levelCount = 0;
        foreach (var b in buses) levelCount = Math.Max(levelCount, b.Level + 1);
        _levels = new LevelPhase[levelCount];
        for (int l = 0; l < levelCount; l++)
            _levels[l] = new LevelPhase(Array.FindAll(buses, b => b.Level == l));
        _trackPhase = new TrackPhase(tracks);
    }

    /// <summary>The session this plan was built from.</summary>
    public MixSession Session { get; }

    /// <summary>Largest block <see cref="RtRenderBlock"/> accepts.</summary>
    public int BlockSize { get; }

    /// <summary>Session sample rate.</summary>
    public int SampleRate => Session.SampleRate;

    /// <summary>Track nodes in session order.</summary>
    public IReadOnlyList<TrackNode> Tracks => _tracks;

    /// <summary>Bus nodes in session order.</summary>
    public IReadOnlyList<BusNode> Buses => _buses;

    /// <summary>
    /// The plan's live parameters by address in name form (<c>track/DX 1/fader</c>, <c>vca/Dialog/mute</c>): every trim,
    /// polarity, fader, mute, solo and soloSafe of a track or bus and every VCA fader and mute. A driver sets them on its
    /// thread between blocks; the owning stage ramps the change over the next block.
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

    /// <summary>Number of topological bus levels (phase 2 runs once per level).</summary>
    public int LevelCount => _levels.Length;

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
        Automation.RtBeginBlock(position, count);
        int extra = alongside is null ? 0 : alongsideItems;
        _trackPhase.Set(position, count, alongside, extra);
        int items = extra + _tracks.Length;
        if (workers is null) for (int i = 0; i < items; i++) _trackPhase.RtRunItem(i);
        else workers.RunPhase(_trackPhase, items);
        foreach (var level in _levels)
        {
            level.Begin(count);
            if (workers is null) for (int i = 0; i < level.ItemCount; i++) level.RtRunItem(i);
            else workers.RunPhase(level, level.ItemCount);
        }
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

    private sealed class TrackPhase(TrackNode[] tracks) : IBlockPhase
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

        public void RtRunItem(int item)
        {
            if (item < _alongsideItems) _alongside!.RtRunItem(item);
            else tracks[item - _alongsideItems].RtProcess(_position, _count);
        }
    }

    private sealed class LevelPhase : IBlockPhase
    {
        private readonly BusNode[] _buses;
        private readonly BusNode[] _busOfItem;
        private readonly int[] _channelOfItem;
        private int _count;

        public LevelPhase(BusNode[] buses)
        {
            _buses = buses;
            int items = 0;
            foreach (var b in buses) items += b.Layout.ChannelCount;
            _busOfItem = new BusNode[items];
            _channelOfItem = new int[items];
            int i = 0;
            foreach (var b in buses)
            {
                for (int c = 0; c < b.Layout.ChannelCount; c++, i++)
                {
                    _busOfItem[i] = b;
                    _channelOfItem[i] = c;
                }
            }
        }

        public int ItemCount => _busOfItem.Length;

        public void Begin(int count)
        {
            _count = count;
            foreach (var b in _buses) b.RtBeginBlock(count);
        }

        public void RtRunItem(int item) => _busOfItem[item].RtProcessChannel(_channelOfItem[item], _count);
    }
}
