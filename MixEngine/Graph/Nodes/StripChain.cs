using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The processing inserted on one track or bus strip (between trim/polarity and the pre-fader tap): its processors in
/// the session's order (<see cref="ProcessingOrder"/>; the limiter last), run on all the strip's channels together
/// (linked dynamics), the compressor detecting on the key's channels when keyed. When a processor produces NaN or Inf,
/// the whole chain is reset and the block is silenced (<see cref="RtProcess"/> returns false); the processor counts the
/// event (<see cref="NonFiniteResets"/>), and the rest of the mix is untouched.
/// When the key arrives later than the strip's own signal (its path has more latency), the planner delays the strip's
/// signal in front of the processors by the difference (<see cref="KeyAlignmentSamples"/>, part of the chain's latency).
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on the worker that runs the strip; the
/// processors' live parameters between blocks on the driver thread; meters (<see cref="StripKernel.GainReductionDb"/>)
/// and counters lock-free from any thread. No allocation, lock or throw after construction.</para>
/// </summary>
public sealed class StripChain
{
    private readonly StripKernel[] _processors;
    private readonly StripKernel[] _reducers; // the processors that report a gain reduction (all but the EQ), in processing order
    private readonly int _channels;
    private readonly int _processorLatency;
    private double[][] _keyAlignment = [];
    private int _keyAlignmentPosition;
    private EqProcessor? _followingEq;

    /// <summary>Prepares every inserted processor of <paramref name="processing"/> for <paramref name="spec"/>; control side.</summary>
    public StripChain(StripProcessing processing, ProcessSpec spec, int keyChannels)
    {
        var dynamics = new List<StripKernel>();
        if (processing.Gate is { } g) dynamics.Add(new GateProcessor(g, spec));
        if (processing.Compressor is { } c) dynamics.Add(new CompressorProcessor(c, spec, keyChannels));
        if (processing.DeEsser is { } d) dynamics.Add(new DeEsserProcessor(d, spec));
        var order = new List<StripKernel>();
        if (processing.Order == ProcessingOrder.DynamicsFirst) order.AddRange(dynamics);
        if (processing.Eq.Count > 0)
        {
            EqProcessor? eq = null;
            eq = new EqProcessor(processing.Eq, spec, () => _followingEq = eq);
            order.Add(eq);
        }
        if (processing.Order == ProcessingOrder.EqFirst) order.AddRange(dynamics);
        if (processing.Limiter is { } l) order.Add(new LimiterProcessor(l, spec));
        _processors = order.ToArray();
        _reducers = Array.FindAll(_processors, p => p is not EqProcessor);
        _channels = spec.Channels;
        foreach (var p in _processors) _processorLatency += p.LatencySamples;
    }

    /// <summary>The processors in processing order.</summary>
    public IReadOnlyList<StripKernel> Processors => _processors;

    /// <summary>Samples of delay the chain adds (its key alignment plus the sum of its processors' latencies; bypass does not change it).</summary>
    public int LatencySamples => KeyAlignmentSamples + _processorLatency;

    /// <summary>Samples by which the strip's signal is delayed in front of the processors so that a late external key lines up with it.</summary>
    public int KeyAlignmentSamples { get; private set; }

    /// <summary>Delays the strip's signal by <paramref name="samples"/> in front of the processors (the key arrives that late); control side, while the plan is built.</summary>
    internal void AlignToKey(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        KeyAlignmentSamples = samples;
        _keyAlignment = new double[_channels][];
        for (int c = 0; c < _channels; c++) _keyAlignment[c] = new double[samples];
        _keyAlignmentPosition = 0;
    }

    /// <summary>NaN/Inf resets of all processors so far; lock-free from any thread.</summary>
    public long NonFiniteResets
    {
        get
        {
            long total = 0;
            foreach (var p in _processors) total += p.NonFiniteResets;
            return total;
        }
    }

    /// <summary>
    /// The sum of the processors' gain reductions of their last blocks (<see cref="StripKernel.GainReductionDb"/>, in
    /// processing order), read over the chain's own array of the processors that report one (the EQ's constant 0 left
    /// out: adding +0 to a sum that starts at +0 changes no bit). Rt; any thread.
    /// </summary>
    public double RtGainReductionDb()
    {
        double reduction = 0;
        foreach (var p in _reducers) reduction += p.GainReductionDb;
        return reduction;
    }

    /// <summary>How many processors report a gain reduction (every one but the EQ).</summary>
    internal int GainReducerCount => _reducers.Length;

    /// <summary>The processor that reports the chain's gain reduction when exactly one does, else null: <see cref="RtGainReductionDb"/> is then 0 + its reduction.</summary>
    internal StripKernel? SoleGainReducer => _reducers.Length == 1 ? _reducers[0] : null;

    /// <summary>Finishes every processor's pending switch and parameter glides at once (<see cref="StripKernel.RtSettle"/>). Driver thread, between blocks.</summary>
    public void RtSettle()
    {
        foreach (var p in _processors) p.RtSettle();
    }

    /// <summary>
    /// Tells the processors that follow automation lanes themselves (the EQ, once a band follows a lane) the timeline
    /// position of the block about to run; the others are not touched, so a chain without followed lanes costs a field
    /// read per block. The strip's worker, before the block.
    /// </summary>
    public void RtSetPosition(long position) => _followingEq?.RtSetPosition(position);

    /// <summary>Adds every processor's live parameters under <paramref name="stripPrefix"/> (<c>track/DX 1/</c>); control side.</summary>
    public void AddParameters(Dictionary<string, IRtParameter> parameters, string stripPrefix)
    {
        foreach (var p in _processors) p.AddParameters(parameters, stripPrefix);
    }

    /// <summary>
    /// Processes <paramref name="count"/> frames of <paramref name="channels"/> in place, the compressor detecting on
    /// <paramref name="key"/> when not null. Returns false, with the channels zeroed and every processor reset, when a
    /// processor produced NaN or Inf. Rt; the strip's worker.
    /// </summary>
    public bool RtProcess(double[][] channels, int count, double[][]? key)
    {
        if (KeyAlignmentSamples > 0) RtAlignToKey(channels, count);
        return RtRunFrom(0, channels, count, key);
    }

    /// <summary>True when the chain's first processor is its EQ (a batch of strips may then run the EQs together).</summary>
    internal bool StartsWithEq => _processors.Length > 0 && _processors[0] is EqProcessor;

    /// <summary>
    /// Rejects the output of processor <paramref name="index"/>, which a batch ran on <paramref name="channels"/> (after
    /// the processors before it) and found to hold NaN or Inf: counts the event on that processor, resets every
    /// processor and zeroes the channels, as <see cref="RtProcess"/> would (a batch accepts finite output as it is).
    /// Rt; the strip's worker.
    /// </summary>
    internal void RtRejectBatched(int index, double[][] channels, int count)
    {
        _processors[index].RtRejectBatched();
        RtFail(channels, count);
    }

    /// <summary>
    /// <see cref="RtProcess"/> for a block whose first <paramref name="done"/> processors a batch already ran and
    /// accepted on <paramref name="channels"/>: runs the others. Same result as
    /// <see cref="RtProcess"/>. Rt; the strip's worker.
    /// </summary>
    internal bool RtProcessFrom(int done, double[][] channels, int count, double[][]? key) =>
        done == 0 ? RtProcess(channels, count, key) : RtRunFrom(done, channels, count, key);

    private bool RtRunFrom(int first, double[][] channels, int count, double[][]? key)
    {
        for (int k = first; k < _processors.Length; k++)
        {
            if (_processors[k].RtRun(channels, count, key)) continue;
            RtFail(channels, count);
            return false;
        }
        return true;
    }

    private void RtFail(double[][] channels, int count)
    {
        RtReset();
        foreach (var channel in channels) Array.Clear(channel, 0, count);
    }

    /// <summary>Clears every processor's state (a locate, a mute, a NaN); keeps settings. The strip's worker or control side.</summary>
    public void RtReset()
    {
        foreach (var p in _processors) p.RtReset();
        foreach (var line in _keyAlignment) Array.Clear(line);
    }

    // Delays every channel in place through its key-alignment line.
    private void RtAlignToKey(double[][] channels, int count)
    {
        int start = _keyAlignmentPosition, pos = start;
        for (int c = 0; c < _keyAlignment.Length; c++)
        {
            double[] line = _keyAlignment[c], x = channels[c];
            pos = start;
            for (int i = 0; i < count; i++)
            {
                double sample = x[i];
                x[i] = line[pos];
                line[pos] = sample;
                if (++pos == line.Length) pos = 0;
            }
        }
        _keyAlignmentPosition = pos;
    }
}
