using BenchmarkDotNet.Attributes;
using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;

namespace MixEngine.Benchmarks;

/// <summary>
/// The dynamics kernels on one 1024-frame block of seeded noise that keeps them reducing gain: a mono strip compressor
/// (peak detection, soft knee), the same with RMS detection and a sidechain high-pass, and a stereo true-peak limiter.
/// One operation = one frame (OperationsPerInvoke), so the result reads as ns/sample per linked frame.
/// </summary>
public class DynamicsBenchmarks
{
    private const int Frames = 1024;
    private readonly Compressor _peak = new();
    private readonly Compressor _rms = new();
    private readonly TruePeakLimiter _limiter = new();
    private double[][] _mono = [];
    private double[][] _stereo = [];

    /// <summary>Prepares the kernels at 48 kHz and fills the blocks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _mono = [Enumerable.Range(0, Frames).Select(_ => random.NextDouble() - 0.5).ToArray()];
        _stereo = [Enumerable.Range(0, Frames).Select(_ => 2 * random.NextDouble() - 1).ToArray(), Enumerable.Range(0, Frames).Select(_ => 2 * random.NextDouble() - 1).ToArray()];
        _peak.RtSetThresholdDb(-20);
        _peak.Prepare(new ProcessSpec(48_000, Frames, 1));
        _rms.RtSetThresholdDb(-20);
        _rms.RtSetDetection(DynamicsDetection.Rms);
        _rms.RtSetSidechainHighPassHz(100);
        _rms.Prepare(new ProcessSpec(48_000, Frames, 1));
        _limiter.Prepare(new ProcessSpec(48_000, Frames, 2));
    }

    /// <summary>Mono compressor, peak detection.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public double CompressorPeak()
    {
        _peak.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>Mono compressor, RMS detection with the sidechain high-pass.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double CompressorRmsHighPass()
    {
        _rms.RtProcess(_mono, Frames);
        return _mono[0][0];
    }

    /// <summary>Stereo true-peak limiter (4x detection per channel).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double LimiterStereo()
    {
        _limiter.RtProcess(_stereo, Frames);
        return _stereo[0][0];
    }
}
