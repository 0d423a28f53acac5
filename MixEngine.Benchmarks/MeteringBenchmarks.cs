using BenchmarkDotNet.Attributes;
using MixEngine.Dsp.Loudness;
using MixEngine.Files;

namespace MixEngine.Benchmarks;

/// <summary>
/// The print meter of a render: the BS.1770 meter (K-weighting, gating blocks, sample and 4× true peak) of one 7.1.2
/// print, and the true-peak detector alone on one channel, fed 1024-frame blocks of seeded noise whose level moves
/// slowly (as a stem's does), with the LFE and both height channels silent as in the strip reel's stems. One operation
/// = one sample of one channel (OperationsPerInvoke), so the results read as ns per print sample.
/// </summary>
public class MeteringBenchmarks
{
    private const int Channels = 10;
    private const int Frames = 1024;
    private const int Blocks = 48;
    private double[][] _signal = [];
    private LoudnessMeter _meter = null!;
    private TruePeakDetector _truePeak = null!;

    /// <summary>Makes about one second of the signal and the kernels at 48 kHz.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1770);
        _signal = new double[Channels][];
        for (int c = 0; c < Channels; c++)
        {
            _signal[c] = new double[Frames * Blocks];
            if (c is 3 or 8 or 9) continue;
            for (int i = 0; i < _signal[c].Length; i++)
            {
                double gaussian = random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2.0;
                _signal[c][i] = (0.05 + 0.02 * Math.Sin(2 * Math.PI * i / 24000.0)) * gaussian;
            }
        }
        _meter = new LoudnessMeter(48_000, LoudnessChannelWeights.For(ChannelLayout.Atmos712));
        _truePeak = new TruePeakDetector(48_000);
    }

    /// <summary>The whole meter of a 7.1.2 print (three channels silent).</summary>
    [Benchmark(OperationsPerInvoke = Channels * Frames * Blocks)]
    public double LoudnessMeter712()
    {
        for (int b = 0; b < Blocks; b++) _meter.RtProcess(_signal, b * Frames, Frames);
        return _meter.Momentary;
    }

    /// <summary>The true-peak detector on one sounding channel.</summary>
    [Benchmark(OperationsPerInvoke = Frames * Blocks)]
    public double TruePeakOneChannel()
    {
        for (int b = 0; b < Blocks; b++) _truePeak.RtProcess(_signal[0].AsSpan(b * Frames, Frames));
        return _truePeak.Peak;
    }
}
