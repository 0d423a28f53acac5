using MixEngine.Dsp;
using MixEngine.Dsp.Loudness;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;

namespace MixEngine.Offline;

/// <summary>
/// Print writing of the offline driver: after a block, <see cref="RtStage"/> copies each printed bus's post-fader output
/// into a staging buffer; during the next block's track phase each print is one item that converts and writes the staged
/// block and updates its per-channel sample peaks and its loudness meters, so writing and measuring overlap rendering.
/// Rt rules apply to both. The dialogue-gated meter of a print reads the dialogue stem's staged block, which no item
/// writes, so items stay independent.
/// </summary>
internal sealed class PrintPhase : IBlockPhase
{
    private readonly BusNode[] _buses;
    private readonly IPrintWriter[] _writers;
    private readonly double[][][] _staged;
    private readonly int _dialoguePrint;
    private int _count;

    /// <summary>
    /// Creates the phase; <paramref name="dialoguePrint"/> is the index of the dialogue stem print, or −1, and
    /// <paramref name="gateOnDialogue"/> says which prints also get a dialogue-stem-gated meter.
    /// </summary>
    public PrintPhase(BusNode[] buses, IPrintWriter[] writers, int blockSize, int sampleRate, int dialoguePrint, bool[] gateOnDialogue)
    {
        _buses = buses;
        _writers = writers;
        _dialoguePrint = dialoguePrint;
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

    /// <summary>Copies <paramref name="count"/> samples of every printed bus into the staging buffers (driver thread, after a block).</summary>
    public void RtStage(int count)
    {
        for (int i = 0; i < _buses.Length; i++)
        {
            var source = _buses[i].PostFaderBuffers;
            for (int c = 0; c < source.Length; c++) Array.Copy(source[c], _staged[i][c], count);
        }
        _count = count;
    }

    public void RtRunItem(int item)
    {
        var channels = _staged[item];
        _writers[item].RtWritePlanar(channels, 0, _count);
        var peaks = Peaks[item];
        for (int c = 0; c < peaks.Length; c++) peaks[c] = SamplePeak.RtUpdate(channels[c].AsSpan(0, _count), peaks[c]);
        Meters[item].RtProcess(channels, 0, _count);
        DialogueMeters[item]?.RtProcess(channels, _staged[_dialoguePrint], 0, _count);
    }
}
