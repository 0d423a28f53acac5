using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;

namespace MixEngine.Offline;

/// <summary>
/// Applies a <see cref="PrintConform"/> to one print's blocks on the offline driver's print items: gain, then the
/// optional true-peak limiter, with the limiter's delay removed (the first <c>latency</c> output frames are dropped and
/// <see cref="RtFlush"/> feeds silence at the end), so the conformed print lines up sample for sample with the others.
/// The dialogue stem's block, read by the print's dialogue-gated meter, is delayed the same way so gating stays aligned.
/// Built on the control side (allocates); Rt* methods run on one render thread at a time and never allocate or throw.
/// </summary>
internal sealed class PrintConformStage
{
    private readonly double _gain;
    private readonly TruePeakLimiter? _limiter;
    private readonly double[][] _dialogueDelay;
    private readonly int _latency;
    private int _dialogueDelayPos;
    private int _toDrop;
    private int _toFlush;

    /// <summary>Prepares the stage for a print of <paramref name="channels"/> channels and, when the print is dialogue-gated, <paramref name="dialogueChannels"/> stem channels.</summary>
    public PrintConformStage(PrintConform conform, int channels, int dialogueChannels, int sampleRate, int blockSize)
    {
        Conform = conform;
        _gain = Decibels.ToGain(conform.GainDb);
        if (conform.LimiterCeilingDbtp is { } ceiling)
        {
            _limiter = new TruePeakLimiter();
            _limiter.Prepare(new ProcessSpec(sampleRate, blockSize, channels));
            _limiter.RtSetCeilingDb(ceiling);
            _latency = _limiter.LatencySamples;
        }
        Output = Planar(channels, blockSize);
        DialogueOutput = Planar(dialogueChannels, blockSize);
        _dialogueDelay = Planar(dialogueChannels, _latency);
        _toDrop = _latency;
        _toFlush = _latency;
    }

    /// <summary>The conform this stage applies.</summary>
    public PrintConform Conform { get; }

    /// <summary>The conformed frames of the last Rt call, per channel.</summary>
    public double[][] Output { get; }

    /// <summary>The dialogue stem's frames aligned with <see cref="Output"/> (empty when the print is not dialogue-gated).</summary>
    public double[][] DialogueOutput { get; }

    /// <summary>Largest limiter gain reduction over the whole print so far, in dB (0 without a limiter).</summary>
    public double MaxLimiterReductionDb { get; private set; }

    /// <summary>True while the limiter still holds frames that <see cref="RtFlush"/> must push out.</summary>
    public bool RtHasPendingFrames => _toFlush > 0;

    /// <summary>Conforms <paramref name="count"/> frames; returns how many frames of <see cref="Output"/> are ready (fewer at the start while the limiter fills).</summary>
    public int RtProcess(double[][] input, double[][]? dialogue, int count)
    {
        for (int c = 0; c < Output.Length; c++)
        {
            var source = input[c];
            var target = Output[c];
            for (int i = 0; i < count; i++) target[i] = source[i] * _gain;
        }
        for (int c = 0; c < DialogueOutput.Length; c++) Array.Copy(dialogue![c], DialogueOutput[c], count);
        return RtLimitAndAlign(count);
    }

    /// <summary>Pushes silence through the limiter to release up to one block of held frames at the end of the print; returns the frames ready.</summary>
    public int RtFlush()
    {
        int count = Math.Min(_toFlush, Output.Length == 0 ? 0 : Output[0].Length);
        foreach (var channel in Output) Array.Clear(channel, 0, count);
        foreach (var channel in DialogueOutput) Array.Clear(channel, 0, count);
        _toFlush -= count;
        return RtLimitAndAlign(count);
    }

    private int RtLimitAndAlign(int count)
    {
        if (_limiter is null) return count;
        _limiter.RtProcess(Output, count);
        MaxLimiterReductionDb = Math.Max(MaxLimiterReductionDb, _limiter.GainReductionDb);
        RtDelayDialogue(count);
        int drop = Math.Min(_toDrop, count);
        if (drop == 0) return count;
        _toDrop -= drop;
        foreach (var channel in Output) Array.Copy(channel, drop, channel, 0, count - drop);
        foreach (var channel in DialogueOutput) Array.Copy(channel, drop, channel, 0, count - drop);
        return count - drop;
    }

    // Delays the dialogue frames by the limiter's latency through a ring per channel, in place.
    private void RtDelayDialogue(int count)
    {
        int pos = 0;
        for (int c = 0; c < DialogueOutput.Length; c++)
        {
            var line = _dialogueDelay[c];
            var frames = DialogueOutput[c];
            pos = _dialogueDelayPos;
            for (int i = 0; i < count; i++)
            {
                double delayed = line[pos];
                line[pos] = frames[i];
                frames[i] = delayed;
                if (++pos == line.Length) pos = 0;
            }
        }
        if (DialogueOutput.Length > 0) _dialogueDelayPos = pos;
    }

    private static double[][] Planar(int channels, int frames)
    {
        var buffers = new double[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new double[frames];
        return buffers;
    }
}
