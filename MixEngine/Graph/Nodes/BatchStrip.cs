namespace MixEngine.Graph.Nodes;

/// <summary>
/// What a <see cref="TrackBatch"/> reads of one of its strips every block, gathered when the plan is built (the track,
/// its chain, its pre-fader buffers, the head EQ and the compressor behind it that may run as lanes, the chain's
/// length), next to that block's progress through the batch. A batch keeps its strips in one array of these, so its
/// loops read one record per strip instead of following track → chain → processor list → processor for each flag.
/// <para>Thread rules: built on the control side; the block fields are written and read by the worker that runs the
/// batch.</para>
/// </summary>
internal struct BatchStrip
{
    /// <summary>The track.</summary>
    public TrackNode Track;

    /// <summary>The track's chain (a batch of several tracks holds only tracks whose chain starts with an EQ).</summary>
    public StripChain Chain;

    /// <summary>The track's pre-fader buffers, which the chain processes in place.</summary>
    public double[][] Buffers;

    /// <summary>The chain's first processor, the EQ, when no key alignment delays the strip in front of it; else null.</summary>
    public EqProcessor? HeadEq;

    /// <summary>The compressor right behind the head EQ when the strip is mono and unkeyed (it may then run as a lane); else null.</summary>
    public CompressorProcessor? CompressorAfterEq;

    /// <summary>Processors in the chain.</summary>
    public int Processors;

    /// <summary>The part of the batch whose lanes take the strip's channels (<see cref="BatchLanes.Parts"/>).</summary>
    public int Part;

    /// <summary>This block: the chain still has to run (the strip sounds).</summary>
    public bool ChainPending;

    /// <summary>This block: the strip's channels are lanes of the step running now.</summary>
    public bool InLanes;

    /// <summary>This block: the chain's first processors the lanes ran and the strip accepted.</summary>
    public int Batched;

    /// <summary>This block: the EQ lane of the strip's first channel.</summary>
    public int FirstLane;

    /// <summary>This block: the compressor lane of the strip (when it is in the compressor lanes).</summary>
    public int CompressorLane;

    /// <summary>The record of <paramref name="track"/>, whose chain is <paramref name="chain"/>, in part <paramref name="part"/> of its batch; control side.</summary>
    public static BatchStrip For(TrackNode track, StripChain chain, int part)
    {
        var processors = chain.Processors;
        var eq = chain.KeyAlignmentSamples == 0 && processors.Count > 0 ? processors[0] as EqProcessor : null;
        var compressor = eq is not null && track.KeySource is null && track.Layout.ChannelCount == 1 && processors.Count > 1
            ? processors[1] as CompressorProcessor : null;
        return new BatchStrip
        {
            Track = track,
            Chain = chain,
            Buffers = track.PreFaderBuffers,
            HeadEq = eq,
            CompressorAfterEq = compressor,
            Processors = processors.Count,
            Part = part,
        };
    }
}
