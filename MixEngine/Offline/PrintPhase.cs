using MixEngine.Dsp;
using MixEngine.Dsp.Loudness;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;

namespace MixEngine.Offline;

/// <summary>
/// Print writing of the offline driver: after a block, <see cref="RtStage"/> copies each printed bus's aligned output
/// into a staging buffer; during the next block's track phase each print is one item that converts and writes the staged
/// block and updates its per-channel sample peaks and its loudness meters, so writing and measuring overlap rendering.
/// Rt rules apply to both. The dialogue-gated meter of a print reads the dialogue stem's staged block, which no item
/// writes, so items stay independent. A print with a <see cref="PrintConformStage"/> is conformed (gain, limiter) before
/// it is written and measured, so its file, peaks and loudness are those of the conformed print.
/// </summary>
internal sealed class PrintPhase : IBlockPhase
{
    private readonly BusNode[] _buses;
    private readonly IPrintWriter[] _writers;
    private readonly double[][][] _staged;
    private readonly int _dialoguePrint;
    private readonly PrintConformStage?[] _conform;
    private int _count;

    /// <summary>
    /// Creates the phase; <paramref name="dialoguePrint"/> is the index of the dialogue stem print, or −1, and
    /// <paramref name="gateOnDialogue"/> says which prints also get a dialogue-stem-gated meter, and
    /// <paramref name="conform"/> (when given) the conform of each print (null entries: printed as mixed).
    /// </summary>
    public PrintPhase(BusNode[] buses, IPrintWriter[] writers, int blockSize, int sampleRate, int dialoguePrint, bool[] gateOnDialogue,
        PrintConform?[]? conform = null)
    {
        _buses = buses;
        _writers = writers;
        _dialoguePrint = dialoguePrint;
        _conform = new PrintConformStage?[buses.Length];
        Peaks = new double[buses.Length][];
        _staged = new double[buses.Length][][];
        Meters = new LoudnessMeter[buses.Length];
        DialogueMeters = new DialogueGatedMeter?[buses.Length];
        for (int i = 0; i < buses.Length; i++)
        {
            var weights = LoudnessChannelWeights.For(buses[i].Layout);
            Meters[i] = new LoudnessMeter(sampleRate, weights);
            if (dialoguePrint >= 0 && i != dialoguePrint && gateOnDialogue[i])
                DialogueMeters[i] = new DialogueGatedMeter(sampleRate, weights, LoudnessChannelWeights.For(buses[dialoguePrint].Layout));
            Peaks[i] = new double[buses[i].Layout.ChannelCount];
            if (conform?[i] is { } printConform)
                _conform[i] = new PrintConformStage(printConform, buses[i].Layout.ChannelCount,
                    DialogueMeters[i] is null ? 0 : buses[dialoguePrint].Layout.ChannelCount, sampleRate, blockSize);
            _staged[i] = new double[buses[i].Layout.ChannelCount][];
            for (int c = 0; c < _staged[i].Length; c++) _staged[i][c] = new double[blockSize];
        }
    }

    /// <summary>Loudness meter per print.</summary>
    public LoudnessMeter[] Meters { get; }

    /// <summary>Dialogue-stem-gated meter per print (null for the dialogue stem itself, prints not gated, or when there is no stem).</summary>
    public DialogueGatedMeter?[] DialogueMeters { get; }

    /// <summary>Sample peak (linear) per print and channel so far.</summary>
    public double[][] Peaks { get; }

    public int ItemCount => _writers.Length;

    /// <summary>True when a staged block waits to be written.</summary>
    public bool HasStaged => _count > 0;

    /// <summary>
    /// Copies samples <paramref name="skip"/> … <paramref name="count"/> − 1 of every printed bus's aligned output into the
    /// staging buffers (driver thread, after a block); the skipped head is the plan's latency at the start of a render.
    /// </summary>
    public void RtStage(int count, int skip)
    {
        for (int i = 0; i < _buses.Length; i++)
        {
            var source = _buses[i].OutputBuffers;
            for (int c = 0; c < source.Length; c++) Array.Copy(source[c], skip, _staged[i][c], 0, count - skip);
        }
        _count = count - skip;
    }

    public void RtRunItem(int item)
    {
        var channels = _staged[item];
        var dialogue = DialogueMeters[item] is null ? null : _staged[_dialoguePrint];
        int count = _count;
        if (_conform[item] is { } stage)
        {
            count = stage.RtProcess(channels, dialogue, count);
            channels = stage.Output;
            if (dialogue is not null) dialogue = stage.DialogueOutput;
        }
        RtEmit(item, channels, dialogue, count);
    }

    /// <summary>
    /// After the last block: writes and measures the frames conform limiters still hold, so conformed prints end with
    /// the same frame count as the others. Driver thread, once, after the last item ran.
    /// </summary>
    public void RtFlushConform()
    {
        for (int item = 0; item < _conform.Length; item++)
        {
            if (_conform[item] is not { } stage) continue;
            while (stage.RtHasPendingFrames)
            {
                int count = stage.RtFlush();
                RtEmit(item, stage.Output, DialogueMeters[item] is null ? null : stage.DialogueOutput, count);
            }
        }
    }

    /// <summary>Largest limiter gain reduction of each print's conform in dB (0 for prints without a conform limiter); after the render.</summary>
    public double MaxConformReductionDb(int item) => _conform[item]?.MaxLimiterReductionDb ?? 0.0;

    private void RtEmit(int item, double[][] channels, double[][]? dialogue, int count)
    {
        if (count == 0) return;
        _writers[item].RtWritePlanar(channels, 0, count);
        var peaks = Peaks[item];
        for (int c = 0; c < peaks.Length; c++) peaks[c] = SamplePeak.RtUpdate(channels[c].AsSpan(0, count), peaks[c]);
        Meters[item].RtProcess(channels, 0, count);
        DialogueMeters[item]?.RtProcess(channels, dialogue!, 0, count);
    }
}
