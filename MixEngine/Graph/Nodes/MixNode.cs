using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// A strip in the plan that feeds buses: a track or a bus. Owns planar block-sized buffers (one double[] per channel)
/// for its pre-fader tap and its post-fader output (the same arrays when nothing taps pre-fader), and a per-block
/// silence flag that lets the summing skip it cheaply. Buffers are allocated when the plan is built; Rt methods never
/// allocate, lock or throw.
/// </summary>
public abstract class MixNode
{
    private PanRamp[] _panRamps = [];

    /// <summary>Allocates the node's buffers; control side.</summary>
    protected MixNode(string id, string name, ChannelLayout layout, StripGainStage strip, bool separatePreFaderTap, int blockSize)
    {
        Id = id;
        Name = name;
        Layout = layout;
        Strip = strip;
        PreFaderBuffers = Allocate(layout.ChannelCount, blockSize);
        PostFaderBuffers = separatePreFaderTap ? Allocate(layout.ChannelCount, blockSize) : PreFaderBuffers;
    }

    /// <summary>Stable id from the session.</summary>
    public string Id { get; }

    /// <summary>Display name from the session.</summary>
    public string Name { get; }

    /// <summary>Channel format of the strip.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>The strip's resolved gains and mute.</summary>
    public StripGainStage Strip { get; }

    /// <summary>After trim and polarity, before the fader: what pre-fader sends read (valid when not <see cref="RtSilent"/>).</summary>
    public double[][] PreFaderBuffers { get; }

    /// <summary>After fader, VCA and mute: what the main output and post-fader sends read (valid when not <see cref="RtSilent"/>).</summary>
    public double[][] PostFaderBuffers { get; }

    /// <summary>The live pan gains of every contribution this node feeds (main output and sends into buses).</summary>
    public IReadOnlyList<PanRamp> PanRamps => _panRamps;

    /// <summary>True when the node's output for the current block is all zeros (muted, or nothing playing); set on the render thread.</summary>
    public bool RtSilent { get; protected set; }

    /// <summary>Sets the live pan gains this node drives; control side, while the plan is built.</summary>
    internal void SetPanRamps(PanRamp[] ramps) => _panRamps = ramps;

    /// <summary>
    /// Starts block [<paramref name="position"/>, +<paramref name="count"/>) of whatever follows automation lanes itself: the
    /// strip's own gain lanes (filled here, on the thread that renders the node), the chain's kernels (their clocks), the
    /// strip's pan and every pan ramp this node feeds (whether or not the node sounds, so ramps keep time). Rt.
    /// </summary>
    protected void RtBeginLanes(long position, int count)
    {
        Strip.RtFillLanes(position, count);
        Chain?.RtSetPosition(position);
        if (_panRamps.Length == 0) return;
        _panRamps[0].Stage.RtBeginBlock(position, count);
        foreach (var ramp in _panRamps) ramp.RtBeginBlock(position, count);
    }

    /// <summary>Asks the processor for the fields of the node's pan stage and first pan ramp (<see cref="StripPrefetch"/>), which <see cref="RtBeginLanes"/> reads first. Rt.</summary>
    protected void RtPrefetchPan()
    {
        var ramps = _panRamps;
        if (ramps.Length == 0) return;
        StripPrefetch.RtFields(ramps[0], 128);
        StripPrefetch.RtFields(ramps[0].Stage, 128);
    }

    /// <summary>The processing inserted on the strip (EQ, dynamics), or null when none is.</summary>
    public StripChain? Chain { get; private set; }

    /// <summary>The node whose pre-fader signal keys the strip's compressor, or null.</summary>
    public MixNode? KeySource { get; private set; }

    /// <summary>
    /// Samples by which this node's output lags the timeline: its own processing latency plus, for a bus, the latency of
    /// its latest input (the others are delayed to match). Set when the plan is built.
    /// </summary>
    public int LatencySamples { get; internal set; }

    /// <summary>The latency-compensation delays fed from this node (taps read by buses, keys and the aligned output).</summary>
    public IReadOnlyList<CompensationDelay> Delays => _delays;

    /// <summary>True when delays are fed from this node (read from the node itself, no list followed). Rt.</summary>
    protected bool RtHasDelays { get; private set; }

    /// <summary>
    /// The output as the plan's outputs see it: <see cref="PostFaderBuffers"/> delayed so that every bus of the plan leaves
    /// with the plan's latency (stems and printmaster sample-aligned); the post-fader buffers themselves when no delay is needed.
    /// </summary>
    public double[][] OutputBuffers => _outputDelay?.Buffers ?? PostFaderBuffers;

    private CompensationDelay[] _delays = [];
    private CompensationDelay? _outputDelay;
    private CompensationDelay? _keyDelay;
    private double[][] _silentKey = [];

    /// <summary>Inserts the strip's processing, keyed by <paramref name="keySource"/> when not null; control side, while the plan is built.</summary>
    internal void SetProcessing(StripChain chain, MixNode? keySource)
    {
        Chain = chain;
        KeySource = keySource;
        if (keySource is not null) _silentKey = Allocate(keySource.Layout.ChannelCount, PreFaderBuffers[0].Length);
    }

    /// <summary>The delay of this node's pre- or post-fader tap by <paramref name="samples"/>, shared by every reader; control side.</summary>
    internal CompensationDelay DelayFor(bool preFader, int samples)
    {
        foreach (var d in _delays)
            if (d.PreFader == preFader && d.DelaySamples == samples) return d;
        var delay = new CompensationDelay(this, preFader, samples, PreFaderBuffers[0].Length);
        _delays = [.. _delays, delay];
        RtHasDelays = true;
        return delay;
    }

    /// <summary>Delays the node's output by <paramref name="samples"/> for <see cref="OutputBuffers"/>; control side.</summary>
    internal void AlignOutput(int samples) => _outputDelay = DelayFor(false, samples);

    /// <summary>Reads the key through a delay of <paramref name="samples"/> of the key source's pre-fader tap (the key would otherwise be early); control side.</summary>
    internal void DelayKey(int samples) => _keyDelay = KeySource!.DelayFor(true, samples);

    /// <summary>
    /// The key for this block: the key source's pre-fader buffers (through the latency-compensation delay when the
    /// planner set one), zeros when it is silent, or null when unkeyed. Rt.
    /// </summary>
    protected double[][]? RtKey() => KeySource is null ? null
        : _keyDelay is not null ? _keyDelay.Buffers
        : KeySource.RtSilent ? _silentKey : KeySource.PreFaderBuffers;

    /// <summary>Starts this block of every delay fed from the node (after <see cref="RtSilent"/> is known). Rt; the node's worker or the driver.</summary>
    protected void RtBeginDelays(int count)
    {
        foreach (var d in _delays) d.RtBeginBlock(RtSilent, count);
    }

    /// <summary>
    /// After a locate: empties every delay fed from the node and resets its processing, so no audio from before the jump
    /// comes out after it. Driver thread, between blocks.
    /// </summary>
    internal void RtLocate()
    {
        foreach (var d in _delays) d.RtClear();
        Chain?.RtReset();
    }

    /// <summary>Ends every gain ramp, pan ramp and processor glide of the strip at its target (<see cref="RenderPlan.RtSettle"/>). Driver thread, between blocks.</summary>
    internal void RtSettle()
    {
        Strip.RtSettle();
        foreach (var ramp in _panRamps) ramp.RtSettle();
        Chain?.RtSettle();
    }

    /// <summary>Feeds channel <paramref name="channel"/> of this block into every delay fed from the node. Rt; any worker, one per channel.</summary>
    protected void RtFillDelays(int channel, int count)
    {
        foreach (var d in _delays) d.RtFillChannel(channel, count);
    }

    private static double[][] Allocate(int channels, int blockSize)
    {
        var buffers = new double[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new double[blockSize];
        return buffers;
    }
}
