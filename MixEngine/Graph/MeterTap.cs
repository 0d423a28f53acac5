using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MixEngine.Dsp.Loudness;
using MixEngine.Files;
using MixEngine.Graph.Nodes;

namespace MixEngine.Graph;

/// <summary>
/// The live meter of one strip (a track or bus node's post-fader output): per channel the sample peak, the true peak
/// (<see cref="TruePeakDetector"/>, 4× oversampled below 88.2 kHz) and the sum of squares since the last reading, and
/// for the strip momentary and short-term loudness (<see cref="SlidingLoudness"/>, BS.1770-5 channel weights) and
/// the largest gain reduction of its dynamics (the sum of its processors' per-block reductions) since the last reading.
/// True peak and loudness, the costly parts, run only while the driver asks for them (<see cref="RtMeasure(int, bool, bool)"/>);
/// each restarts from silence when it is switched off, so it reads −∞ (loudness) or the sample peak (true peak) while off.
/// A track's tap may instead be measured by the track itself at the end of its block (<see cref="TrackNode.MeasureInItem"/>,
/// <see cref="RtMeasureDemanded"/>), while its output is still in the cache, with the parts the driver last asked for
/// (<see cref="RtSetDemand"/>).
/// <para>Thread rules: construction on the control side; every <c>Rt*</c> member on the driver thread after the node
/// rendered its block, or, for a tap measured in its track's item, <see cref="RtMeasureDemanded"/> on the thread that
/// renders the track (the driver reads the tap only after the phase). Nothing allocates after construction.</para>
/// </summary>
public sealed class MeterTap
{
    private readonly double[] _peaks;
    private readonly double[] _squares;
    private readonly TruePeakDetector[] _truePeaks;
    private long _frames;
    private double _gainReduction;
    // What of the node's chain reports its gain reduction, looked up once per chain: a block then reads the one reporting
    // processor (warm from the block just run) and not the chain and its array, which a batched track's block never
    // touches (cold by the time the meter runs).
    private StripChain? _chain;
    private StripKernel? _soleReducer;
    private int _reducers;
    private bool _truePeakOn = true, _loudnessOn = true;
    private bool _truePeakWanted = true, _loudnessWanted = true;

    /// <summary>Creates the tap for <paramref name="node"/> at <paramref name="sampleRate"/> Hz; control side.</summary>
    public MeterTap(MixNode node, string address, int sampleRate)
    {
        Node = node;
        Address = address;
        int channels = node.Layout.ChannelCount;
        _peaks = new double[channels];
        _squares = new double[channels];
        _truePeaks = new TruePeakDetector[channels];
        for (int c = 0; c < channels; c++) _truePeaks[c] = new TruePeakDetector(sampleRate);
        Loudness = new SlidingLoudness(sampleRate, LoudnessChannelWeights.For(node.Layout));
    }

    /// <summary>The metered node.</summary>
    public MixNode Node { get; }

    /// <summary>The strip's address prefix (<c>track/DX 1</c>, <c>bus/Printmaster</c>).</summary>
    public string Address { get; }

    /// <summary>Number of channels.</summary>
    public int ChannelCount => _peaks.Length;

    /// <summary>Momentary and short-term loudness of the strip.</summary>
    public SlidingLoudness Loudness { get; }

    /// <summary>Whether true peak was measured in the last block.</summary>
    public bool MeasuresTruePeak => _truePeakOn;

    /// <summary>Whether momentary and short-term loudness were measured in the last block.</summary>
    public bool MeasuresLoudness => _loudnessOn;

    /// <summary>Measures the node's post-fader output of the block just rendered (<paramref name="count"/> frames; silence when the node is silent), every part. Driver thread.</summary>
    public void RtMeasure(int count) => RtMeasure(count, true, true);

    /// <summary>
    /// As <see cref="RtMeasure(int)"/>, with true peak only when <paramref name="truePeak"/> and loudness only when
    /// <paramref name="loudness"/> (sample peak, RMS and gain reduction always). Driver thread.
    /// </summary>
    public void RtMeasure(int count, bool truePeak, bool loudness)
    {
        _truePeakWanted = truePeak;
        _loudnessWanted = loudness;
        RtSwitch(truePeak, loudness);
        _frames += count;
        if (Node.Chain is { } chain)
        {
            if (!ReferenceEquals(chain, _chain))
            {
                _chain = chain;
                _soleReducer = chain.SoleGainReducer;
                _reducers = chain.GainReducerCount;
            }
            if (_reducers > 0)
            {
                double reduction = _soleReducer is { } reducer ? 0.0 + reducer.GainReductionDb : chain.RtGainReductionDb();
                if (reduction > _gainReduction) _gainReduction = reduction;
            }
        }
        if (Node.RtSilent)
        {
            if (_loudnessOn) Loudness.RtProcessSilence(count);
            return;
        }
        var buffers = Node.PostFaderBuffers;
        for (int c = 0; c < _peaks.Length; c++)
        {
            var span = new ReadOnlySpan<double>(buffers[c], 0, count);
            _peaks[c] = RtPeakAndSquares(span, _peaks[c], out double squares);
            _squares[c] += squares;
            if (_truePeakOn) _truePeaks[c].RtProcess(span);
        }
        if (_loudnessOn) Loudness.RtProcess(buffers, 0, count);
    }

    /// <summary>Sets the parts <see cref="RtMeasureDemanded"/> measures (every part until first set). Driver thread, between blocks.</summary>
    public void RtSetDemand(bool truePeak, bool loudness)
    {
        _truePeakWanted = truePeak;
        _loudnessWanted = loudness;
    }

    /// <summary>
    /// <see cref="RtMeasure(int, bool, bool)"/> with the parts last set by <see cref="RtSetDemand"/> (or last measured).
    /// The thread that rendered the node, right after its block.
    /// </summary>
    public void RtMeasureDemanded(int count) => RtMeasure(count, _truePeakWanted, _loudnessWanted);

    // The largest magnitude of x and peak, and the sum of squares of x: eight samples at a time in two vectors of four
    // (independent maxima and sums, so the loop is not bound by one add's latency), the rest one by one.
    private static double RtPeakAndSquares(ReadOnlySpan<double> x, double peak, out double squares)
    {
        int i = 0;
        squares = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            ref double first = ref MemoryMarshal.GetReference(x);
            var maxA = Vector256.Create(peak);
            var maxB = maxA;
            var sumA = Vector256<double>.Zero;
            var sumB = Vector256<double>.Zero;
            for (; i <= x.Length - 8; i += 8)
            {
                var a = Vector256.LoadUnsafe(ref first, (nuint)i);
                var b = Vector256.LoadUnsafe(ref first, (nuint)i + 4);
                maxA = Vector256.Max(maxA, Vector256.Abs(a));
                maxB = Vector256.Max(maxB, Vector256.Abs(b));
                sumA += a * a;
                sumB += b * b;
            }
            var max = Vector256.Max(maxA, maxB);
            peak = Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
            squares = Vector256.Sum(sumA + sumB);
        }
        for (; i < x.Length; i++)
        {
            double a = Math.Abs(x[i]);
            if (a > peak) peak = a;
            squares += x[i] * x[i];
        }
        return peak;
    }

    /// <summary>Feeds the loudness windows <paramref name="count"/> frames of silence (the transport stopped), when loudness is measured. Driver thread.</summary>
    public void RtProcessSilence(int count)
    {
        if (_loudnessOn) Loudness.RtProcessSilence(count);
    }

    // A part switched off forgets its state, so it reads as not measured and starts afresh when switched on again.
    private void RtSwitch(bool truePeak, bool loudness)
    {
        if (_truePeakOn && !truePeak)
            foreach (var detector in _truePeaks) detector.Reset();
        if (_loudnessOn && !loudness) Loudness.RtReset();
        _truePeakOn = truePeak;
        _loudnessOn = loudness;
    }

    /// <summary>Largest gain reduction (dB, ≥ 0) since the previous call, and restarts it for the next reading. Driver thread.</summary>
    public double RtTakeGainReduction()
    {
        double reduction = _gainReduction;
        _gainReduction = 0;
        return reduction;
    }

    /// <summary>
    /// Writes the readings since the last call into <paramref name="destination"/> (per channel: sample peak, true peak and
    /// RMS in dBFS, −∞ for silence or no frames) and starts a new interval. Driver thread.
    /// </summary>
    public void RtRead(Span<double> destination)
    {
        for (int c = 0; c < _peaks.Length; c++)
        {
            destination[3 * c] = LoudnessMath.AmplitudeToDb(_peaks[c]);
            destination[3 * c + 1] = LoudnessMath.AmplitudeToDb(Math.Max(_peaks[c], _truePeaks[c].Peak));
            destination[3 * c + 2] = _frames > 0 ? 10 * Math.Log10(_squares[c] / _frames) : double.NegativeInfinity;
            _peaks[c] = 0;
            _squares[c] = 0;
            _truePeaks[c].RtResetPeak();
        }
        _frames = 0;
    }
}
