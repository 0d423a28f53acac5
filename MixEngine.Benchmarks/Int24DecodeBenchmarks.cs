using BenchmarkDotNet.Attributes;
using MixEngine.Files;

namespace MixEngine.Benchmarks;

/// <summary>
/// The media reader's conversion of packed 24-bit PCM to 64-bit float, using the engine's sample codec: a mono block
/// (the common dialogue/effects source) and one channel taken out of a ten-channel interleaved block.
/// One operation = one block.
/// </summary>
public class Int24DecodeBenchmarks
{
    private byte[] _mono = [];
    private byte[] _interleaved = [];
    private double[] _destination = [];

    /// <summary>Frames per block.</summary>
    [Params(1024, 8192)]
    public int Frames { get; set; }

    /// <summary>Fills the byte blocks with seeded random 24-bit samples.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _mono = new byte[Frames * 3];
        _interleaved = new byte[Frames * 30];
        random.NextBytes(_mono);
        random.NextBytes(_interleaved);
        _destination = new double[Frames];
    }

    /// <summary>Decodes a mono block.</summary>
    [Benchmark(Baseline = true)]
    public double DecodeMono()
    {
        SampleCodec.RtDecodeChannel(SampleFormat.Int24, _mono, 3, _destination);
        return _destination[0];
    }

    /// <summary>Decodes channel 3 of a ten-channel interleaved block.</summary>
    [Benchmark]
    public double DecodeOneOfTenInterleaved()
    {
        SampleCodec.RtDecodeChannel(SampleFormat.Int24, _interleaved.AsSpan(9), 30, _destination);
        return _destination[0];
    }
}
