using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Realtime;

/// <summary>
/// The monitor path: a separate output, in the printmaster's layout, that the mixer listens to. Each rendered segment it
/// sums the plan's <see cref="MonitorSelection"/> (the selected source bus, or the AFL/PFL-listened strips) into its own
/// buffers, folds the full-range channels to their mean when mono check is on (LFE untouched), and applies the dim gain
/// (ramped linearly over a segment when it changes). It only reads the plan's buffers, so nothing it does reaches the
/// buses, the prints or the meters. Device ports whose bus is <see cref="PortBus"/> play its channels.
/// <para>Thread rules: <see cref="RtProcess"/> on the audio thread only (no allocation, lock or throw). Dim, dim level and
/// mono are set from any control thread (plain volatile fields, taken at the next segment); the selection is swapped by
/// <see cref="RealtimeEngine.SetMonitor"/>.</para>
/// </summary>
public sealed class MonitorPath
{
    /// <summary>The bus id of a device port that plays the monitor path (not a valid session id).</summary>
    public const string PortBus = "@monitor";

    /// <summary>Dim level when none is set: −20 dB.</summary>
    public const double DefaultDimDb = -20;

    private readonly double[][] _buffers;
    private readonly int[] _fullRange;
    private readonly double[] _ramp;
    private readonly double[] _mono;
    private volatile bool _dimmed, _monoCheck;
    private double _dimGain = Math.Pow(10, DefaultDimDb / 20);
    private double _gain = 1;

    /// <summary>Allocates the path for <paramref name="layout"/> and segments of up to <paramref name="maxFrames"/>; control side.</summary>
    public MonitorPath(ChannelLayout layout, int maxFrames)
    {
        Layout = layout;
        MaxFrames = maxFrames;
        _buffers = new double[layout.ChannelCount][];
        for (int c = 0; c < _buffers.Length; c++) _buffers[c] = new double[maxFrames];
        _fullRange = Enumerable.Range(0, layout.ChannelCount).Where(c => !layout.Speakers[c].IsLfe).ToArray();
        _ramp = new double[maxFrames];
        _mono = new double[maxFrames];
    }

    /// <summary>The monitor's speaker layout (the printmaster's).</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Longest segment the path can process (the plan block size it was made for).</summary>
    public int MaxFrames { get; }

    /// <summary>The monitor output, one buffer per channel, valid for the segment just processed (audio thread; ports copy it).</summary>
    internal double[][] Buffers => _buffers;

    /// <summary>Dims the monitor by the dim level (true) or restores it; any control thread.</summary>
    public void SetDim(bool dimmed) => _dimmed = dimmed;

    /// <summary>Sets the dim level in dB (−80 … 0); throws <see cref="ArgumentOutOfRangeException"/> naming the range. Any control thread.</summary>
    public void SetDimDb(double decibels)
    {
        if (!(decibels is >= -80 and <= 0)) throw new ArgumentOutOfRangeException(nameof(decibels), decibels, "dim level must be −80 … 0 dB");
        Volatile.Write(ref _dimGain, Math.Pow(10, decibels / 20));
    }

    /// <summary>Folds the full-range channels to mono (their mean on each of them) or back; any control thread.</summary>
    public void SetMono(bool mono) => _monoCheck = mono;

    /// <summary>Sums <paramref name="selection"/> for <paramref name="count"/> frames, then mono check and dim. Audio thread.</summary>
    internal void RtProcess(MonitorSelection? selection, int count)
    {
        for (int c = 0; c < _buffers.Length; c++) Array.Clear(_buffers[c], 0, count);
        if (selection is not null)
        {
            foreach (var entry in selection.Entries)
            {
                if (entry.SilentWhen is { RtSilent: true }) continue;
                foreach (var tap in entry.Taps)
                    MixSum.RtAccumulate(entry.Buffers[tap.Source].AsSpan(0, count), _buffers[tap.Monitor].AsSpan(0, count), tap.Gain);
            }
        }
        if (_monoCheck && _fullRange.Length > 1) RtFoldToMono(count);
        RtDim(count);
    }

    private void RtFoldToMono(int count)
    {
        var sum = _mono.AsSpan(0, count);
        sum.Clear();
        foreach (int c in _fullRange) MixSum.RtAccumulate(_buffers[c].AsSpan(0, count), sum, 1.0 / _fullRange.Length);
        foreach (int c in _fullRange) sum.CopyTo(_buffers[c]);
    }

    private void RtDim(int count)
    {
        double target = _dimmed ? Volatile.Read(ref _dimGain) : 1.0;
        if (target == _gain)
        {
            if (target != 1.0)
                foreach (var b in _buffers) GainStage.RtScale(b.AsSpan(0, count), target);
            return;
        }
        var gains = _ramp.AsSpan(0, count);
        for (int i = 0; i < count; i++) gains[i] = _gain + (target - _gain) * (i + 1) / count;
        foreach (var b in _buffers) GainStage.RtScale(b.AsSpan(0, count), gains);
        _gain = target;
    }
}
