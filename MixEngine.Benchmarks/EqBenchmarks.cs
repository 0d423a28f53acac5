using BenchmarkDotNet.Attributes;
using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;

namespace MixEngine.Benchmarks;

/// <summary>
/// The EQ and de-esser kernels on one 1024-frame block of seeded noise at 48 kHz: one settled bell, one 48 dB/oct
/// high-pass (four sections), the strip EQ (12 dB/oct high-pass, two bells, a high shelf: five sections), the
/// same on a stereo strip, a bell whose gain is automated every block (glide: redesign every 32 samples plus
/// per-sample coefficient ramps), four mono strip EQs run together as the lanes of one <see cref="EqLanes"/> (per frame =
/// four strip samples), and a mono de-esser. One operation = one frame (OperationsPerInvoke); divide by the
/// section count for ns per sample per section.
/// </summary>
public class EqBenchmarks
{
    private const int Frames = 1024;
    private readonly ParametricEq _bell = new();
    private readonly ParametricEq _highPass48 = new();
    private readonly ParametricEq _strip = new();
    private readonly ParametricEq _stripStereo = new();
    private readonly ParametricEq _gliding = new();
    private readonly DeEsser _deEsser = new();
    private readonly ParametricEq[] _laneStrips = [new(), new(), new(), new()];
    private readonly EqLanes _lanes = new(Frames);
    private double[][] _laneBlocks = [];
    private double[][] _mono = [];
    private double[][] _stereo = [];
    private int _round;

    /// <summary>Prepares the kernels and fills the blocks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double[] Noise() => Enumerable.Range(0, Frames).Select(_ => 0.2 * (random.NextDouble() - 0.5)).ToArray();
        _mono = [Noise()];
        _stereo = [Noise(), Noise()];
        _laneBlocks = [Noise(), Noise(), Noise(), Noise()];
        _bell.RtSetBand(0, EqBand.Bell(1000, 6, 1));
        _highPass48.RtSetBand(0, EqBand.HighPass(40, 48));
        foreach (var eq in _laneStrips.Append(_strip).Append(_stripStereo))
        {
            eq.RtSetBand(0, EqBand.HighPass(80, 12));
            eq.RtSetBand(1, EqBand.Bell(250, -3, 1.4));
            eq.RtSetBand(2, EqBand.Bell(3000, 2, 0.8));
            eq.RtSetBand(3, EqBand.HighShelf(10_000, 2));
        }
        _gliding.RtSetBand(0, EqBand.Bell(1000, 6, 1));
        _deEsser.RtSetThresholdDb(-40);
        var mono = new ProcessSpec(48_000, Frames, 1);
        _bell.Prepare(mono);
        _highPass48.Prepare(mono);
        _strip.Prepare(mono);
        _stripStereo.Prepare(new ProcessSpec(48_000, Frames, 2));
        _gliding.Prepare(mono);
        _deEsser.Prepare(mono);
        foreach (var eq in _laneStrips) eq.Prepare(mono);
    }

    /// <summary>One settled bell (one section), mono.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public double Bell()
    {
        _bell.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>A 48 dB/oct high-pass (four sections), mono.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double HighPass48()
    {
        _highPass48.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>High-pass 12 dB/oct, two bells, high shelf (five sections), mono.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double StripMono()
    {
        _strip.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>The same strip EQ on two channels (per frame = two samples).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double StripStereo()
    {
        _stripStereo.RtProcess(_stereo, Frames);
        return _stereo[0][0];
    }

    /// <summary>The strip EQ of four mono strips as the four lanes of one <see cref="EqLanes"/> (per frame = four strip samples).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double StripLanes4()
    {
        _lanes.RtClear();
        for (int k = 0; k < 4; k++) _lanes.RtAdd(_laneStrips[k], 0, _laneBlocks[k]);
        _lanes.RtProcess(Frames);
        return _laneBlocks[0][0];
    }

    /// <summary>A bell whose gain alternates between ±6 dB every block, so it is always gliding.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double BellGliding()
    {
        _gliding.RtSetBand(0, EqBand.Bell(1000, (++_round & 1) == 0 ? 6 : -6, 1));
        _gliding.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>Mono de-esser reducing (band filter, detection, band reduction).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double DeEsserMono()
    {
        _deEsser.RtProcess(_mono, Frames);
        return _mono[0][0];
    }
}
