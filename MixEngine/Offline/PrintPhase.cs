using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;

namespace MixEngine.Offline;

/// <summary>
/// Print writing of the offline driver: after a block, <see cref="RtStage"/> copies each printed bus's post-fader output
/// into a staging buffer; during the next block's track phase each print is one item that converts and writes the staged
/// block and updates its per-channel sample peaks, so writing overlaps rendering. Rt rules apply to both.
/// </summary>
internal sealed class PrintPhase : IBlockPhase
{
    private readonly BusNode[] _buses;
    private readonly IPrintWriter[] _writers;
    private readonly double[][][] _staged;
    private int _count;

    public PrintPhase(BusNode[] buses, IPrintWriter[] writers, int blockSize)
    {
        _buses = buses;
        _writers = writers;
        Peaks = new double[buses.Length][];
        _staged = new double[buses.Length][][];
        for (int i = 0; i < buses.Length; i++)
        {
            Peaks[i] = new double[buses[i].Layout.ChannelCount];
            _staged[i] = new double[buses[i].Layout.ChannelCount][];
            for (int c = 0; c < _staged[i].Length; c++) _staged[i][c] = new double[blockSize];
        }
    }

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
    }
}
