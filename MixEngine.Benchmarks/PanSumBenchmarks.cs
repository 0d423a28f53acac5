using BenchmarkDotNet.Attributes;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph.Nodes;

namespace MixEngine.Benchmarks;

/// <summary>
/// The mix loop of the whole-process benchmark in isolation: N mono sources, each panned by the engine's box panner to
/// its own position, accumulated into the ten channels of a 7.1.2 bus one block at a time with the engine's summing
/// kernel (skipping zero gains, as the render plan does). One operation = one block of every source into the bus.
/// <see cref="SumMovingSourcesIntoBus"/> does the same through the live panner (<see cref="PanRamp"/>) with every
/// source's pan moving each block: gains recomputed, then ramped.
/// </summary>
[MemoryDiagnoser]
public class PanSumBenchmarks
{
    private double[][] _sources = [];
    private double[][] _bus = [];
    private double[][] _gains = [];
    private PanStage[] _stages = [];
    private PanRamp[] _ramps = [];
    private double[][][] _sourceChannels = [];
    private int _block;

    /// <summary>Number of mono sources.</summary>
    [Params(32, 128)]
    public int Sources { get; set; }

    /// <summary>Samples per block.</summary>
    [Params(1024)]
    public int Block { get; set; }

    /// <summary>Builds seeded sources, the panner gains and the bus buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1234);
        var layout = ChannelLayout.Atmos712;
        _sources = new double[Sources][];
        _gains = new double[Sources][];
        for (int s = 0; s < Sources; s++)
        {
            _sources[s] = new double[Block];
            for (int i = 0; i < Block; i++) _sources[s][i] = random.NextDouble() * 2 - 1;
            double theta = 2 * Math.PI * s / Sources, r = s % 2 == 0 ? 1.0 : 0.55;
            var matrix = BoxPanner.SourceMatrix(ChannelLayout.Mono, layout,
                PanControls.Default with { X = r * Math.Sin(theta), Y = r * Math.Cos(theta), Z = s % 4 == 3 ? 0.5 : 0 });
            _gains[s] = Array.ConvertAll(matrix, row => row[0]);
        }
        _stages = new PanStage[Sources];
        _ramps = new PanRamp[Sources];
        _sourceChannels = new double[Sources][][];
        var panner = new BoxPanner(layout);
        for (int s = 0; s < Sources; s++)
        {
            _stages[s] = new PanStage(PanControls.Default with { X = _gains[s][0] > 0 ? -1 : 1 });
            _ramps[s] = new PanRamp(panner, _stages[s], 1, 1.0, 480);
            _sourceChannels[s] = [_sources[s]];
        }
        _bus = new double[layout.ChannelCount][];
        for (int c = 0; c < _bus.Length; c++) _bus[c] = new double[Block];
    }

    /// <summary>Clears the bus and sums every source into it, channel by channel.</summary>
    [Benchmark]
    public double SumSourcesIntoBus()
    {
        foreach (var channel in _bus) Array.Clear(channel);
        for (int s = 0; s < _sources.Length; s++)
        {
            var gains = _gains[s];
            for (int c = 0; c < _bus.Length; c++)
                if (gains[c] != 0) MixSum.RtAccumulate(_sources[s], _bus[c], gains[c]);
        }
        return _bus[0][0];
    }

    /// <summary>As <see cref="SumSourcesIntoBus"/>, with every source's pan moved (x, y, z) this block and ramped by <see cref="PanRamp"/>.</summary>
    [Benchmark]
    public double SumMovingSourcesIntoBus()
    {
        foreach (var channel in _bus) Array.Clear(channel);
        _block++;
        for (int s = 0; s < _sources.Length; s++)
        {
            double phase = 0.01 * _block + 2 * Math.PI * s / _sources.Length;
            _stages[s].RtSetX(Math.Sin(phase));
            _stages[s].RtSetY(Math.Cos(phase));
            _stages[s].RtSetZ(0.5 + 0.5 * Math.Sin(3 * phase));
            _ramps[s].RtBeginBlock((long)_block * Block, Block);
            for (int c = 0; c < _bus.Length; c++) _ramps[s].RtAccumulate(_sourceChannels[s], c, _bus[c]);
        }
        return _bus[0][0];
    }
}
