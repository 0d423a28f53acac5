using BenchmarkDotNet.Attributes;
using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Benchmarks;

/// <summary>
/// The print writer's conversion of a 7.1.2 block from 64-bit float to interleaved packed 24-bit PCM, with and without
/// TPDF dither, using the engine's sample codec channel by channel (<see cref="EncodeBlock"/>), and as the BWF writer
/// does it with dither (<see cref="EncodeBlockDrawingFourChannelsAtOnce"/>: the draws of four channels at a time, then
/// each channel from its draws). One operation = one block of ten channels.
/// </summary>
public class Int24EncodeBenchmarks
{
    private const int Channels = 10;
    private double[][] _planar = [];
    private byte[] _bytes = [];
    private TpdfDither[] _dither = [];
    private double[][] _noise = [];

    /// <summary>Frames per block.</summary>
    [Params(1024, 8192)]
    public int Frames { get; set; }

    /// <summary>Whether TPDF dither is added before rounding.</summary>
    [Params(false, true)]
    public bool Dither { get; set; }

    /// <summary>Fills the block with seeded noise at −6 dBFS.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(24);
        _planar = new double[Channels][];
        for (int c = 0; c < Channels; c++)
        {
            _planar[c] = new double[Frames];
            for (int i = 0; i < Frames; i++) _planar[c][i] = (random.NextDouble() * 2 - 1) * 0.5;
        }
        _bytes = new byte[Frames * Channels * 3];
        _dither = new TpdfDither[Channels];
        for (int c = 0; c < Channels; c++) _dither[c] = new TpdfDither(7, c);
        _noise = new double[Channels][];
        for (int c = 0; c < Channels; c++) _noise[c] = new double[Frames];
    }

    /// <summary>Encodes every channel into its interleaved slots.</summary>
    [Benchmark]
    public byte EncodeBlock()
    {
        for (int c = 0; c < Channels; c++)
            SampleCodec.RtEncodeChannel(SampleFormat.Int24, _planar[c], _bytes.AsSpan(c * 3), Channels * 3, Dither, ref _dither[c]);
        return _bytes[0];
    }

    /// <summary>
    /// Draws the dither of channels 0–3 and 4–7 together and of 8 and 9 alone, then encodes every channel with its draws
    /// (no draws when <see cref="Dither"/> is false), every channel but the last with the four-byte overrun store.
    /// </summary>
    [Benchmark]
    public byte EncodeBlockDrawingFourChannelsAtOnce()
    {
        if (Dither)
        {
            for (int c = 0; c + 4 <= Channels; c += 4)
                TpdfDither.RtFillFour(ref _dither[c], ref _dither[c + 1], ref _dither[c + 2], ref _dither[c + 3], _noise[c], _noise[c + 1], _noise[c + 2], _noise[c + 3]);
            for (int c = Channels / 4 * 4; c < Channels; c++) _dither[c].RtFill(_noise[c]);
        }
        for (int c = 0; c < Channels; c++)
            SampleCodec.RtEncodeInt24(_planar[c], _bytes.AsSpan(c * 3), Channels * 3, Dither ? _noise[c] : default, overrun: c < Channels - 1);
        return _bytes[0];
    }
}
