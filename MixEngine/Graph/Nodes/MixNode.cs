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

    /// <summary>Starts the block of every pan ramp this node feeds (whether or not the node sounds, so ramps keep time). Rt.</summary>
    protected void RtBeginPans(int count)
    {
        foreach (var ramp in _panRamps) ramp.RtBeginBlock(count);
    }

    private static double[][] Allocate(int channels, int blockSize)
    {
        var buffers = new double[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new double[blockSize];
        return buffers;
    }
}
