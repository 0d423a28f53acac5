using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;

namespace MixEngine.Offline;

/// <summary>
/// The last phase of an offline block: each print writes its bus's post-fader output (one item per print, so prints
/// convert and write in parallel) and updates its per-channel sample peaks. Rt rules apply to <see cref="RtRunItem"/>.
/// </summary>
internal sealed class PrintPhase : IBlockPhase
{
    private readonly BusNode[] _buses;
    private readonly IPrintWriter[] _writers;
    private int _count;

    public PrintPhase(BusNode[] buses, IPrintWriter[] writers)
    {
        _buses = buses;
        _writers = writers;
        Peaks = new double[buses.Length][];
        for (int i = 0; i < buses.Length; i++) Peaks[i] = new double[buses[i].Layout.ChannelCount];
    }

    /// <summary>Sample peak (linear) per print and channel so far.</summary>
    public double[][] Peaks { get; }

    public int ItemCount => _writers.Length;

    public void Set(int count) => _count = count;

    public void RtRunItem(int item)
    {
        var channels = _buses[item].PostFaderBuffers;
        _writers[item].RtWritePlanar(channels, 0, _count);
        var peaks = Peaks[item];
        for (int c = 0; c < peaks.Length; c++) peaks[c] = SamplePeak.RtUpdate(channels[c].AsSpan(0, _count), peaks[c]);
    }
}
