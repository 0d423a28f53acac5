using MixEngine.Dsp;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The processing inserted on one track or bus strip (between trim/polarity and the pre-fader tap): its processors in
/// the session's order (<see cref="ProcessingOrder"/>; the limiter last), run on all the strip's channels together
/// (linked dynamics), the compressor detecting on the key's channels when keyed. When a processor produces NaN or Inf,
/// the whole chain is reset and the block is silenced (<see cref="RtProcess"/> returns false); the processor counts the
/// event (<see cref="NonFiniteResets"/>), and the rest of the mix is untouched.
/// <para>Thread rules: built on the control side; <see cref="RtProcess"/> on the worker that runs the strip; the
/// processors' live parameters between blocks on the driver thread; meters (<see cref="StripKernel.GainReductionDb"/>)
/// and counters lock-free from any thread. No allocation, lock or throw after construction.</para>
/// </summary>
public sealed class StripChain
{
    private readonly StripKernel[] _processors;

    /// <summary>Prepares every inserted processor of <paramref name="processing"/> for <paramref name="spec"/>; control side.</summary>
    public StripChain(StripProcessing processing, ProcessSpec spec, int keyChannels)
    {
        var dynamics = new List<StripKernel>();
        if (processing.Gate is { } g) dynamics.Add(new GateProcessor(g, spec));
        if (processing.Compressor is { } c) dynamics.Add(new CompressorProcessor(c, spec, keyChannels));
        if (processing.DeEsser is { } d) dynamics.Add(new DeEsserProcessor(d, spec));
        var order = new List<StripKernel>();
        if (processing.Order == ProcessingOrder.DynamicsFirst) order.AddRange(dynamics);
        if (processing.Eq.Count > 0) order.Add(new EqProcessor(processing.Eq, spec));
        if (processing.Order == ProcessingOrder.EqFirst) order.AddRange(dynamics);
        if (processing.Limiter is { } l) order.Add(new LimiterProcessor(l, spec));
        _processors = order.ToArray();
        foreach (var p in _processors) LatencySamples += p.LatencySamples;
    }

    /// <summary>The processors in processing order.</summary>
    public IReadOnlyList<StripKernel> Processors => _processors;

    /// <summary>Samples of delay the chain adds (the sum of its processors' latencies; bypass does not change it).</summary>
    public int LatencySamples { get; }

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
        foreach (var p in _processors)
        {
            if (p.RtRun(channels, count, key)) continue;
            RtReset();
            foreach (var channel in channels) Array.Clear(channel, 0, count);
            return false;
        }
        return true;
    }

    /// <summary>Clears every processor's state (a locate, a mute, a NaN); keeps settings. The strip's worker or control side.</summary>
    public void RtReset()
    {
        foreach (var p in _processors) p.RtReset();
    }
}
