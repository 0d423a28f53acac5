using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>Sample conversion at the file boundary (<see cref="SampleCodec"/>): exact grids, rounding, clamping, stride.</summary>
public sealed class SampleCodecTests
{
    private static byte[] Encode(SampleFormat format, double[] values, bool dither = false, ulong seed = 1)
    {
        int bytes = SampleCodec.BytesOf(format);
        var buffer = new byte[values.Length * bytes];
        var state = new TpdfDither(seed, 0);
        SampleCodec.RtEncodeChannel(format, values, buffer, bytes, dither, ref state);
        return buffer;
    }

    private static double[] Decode(SampleFormat format, byte[] buffer)
    {
        int bytes = SampleCodec.BytesOf(format);
        var values = new double[buffer.Length / bytes];
        SampleCodec.RtDecodeChannel(format, buffer, bytes, values);
        return values;
    }

    [Fact]
    public void Int16_rounds_to_nearest_and_clamps_to_full_scale()
    {
        double lsb = 1 / 32768.0;
        var values = new[] { 1.4 * lsb, 1.6 * lsb, -1.6 * lsb, 2.5 * lsb, 1.0, 2.0, -1.0, -3.0, double.NaN };
        // Ties go to even (2.5 → 2); +1.0 is one LSB over the top and clamps to 32767; NaN prints as silence.
        Assert.Equal(WaveBytes.Int16(1, 2, -2, 2, 32767, 32767, -32768, -32768, 0), Encode(SampleFormat.Int16, values));
    }

    [Fact]
    public void Int24_and_int32_clamp_at_their_own_full_scale()
    {
        Assert.Equal(WaveBytes.Int24(8388607, -8388608, 1), Encode(SampleFormat.Int24, [1.5, -1.5, 1 / 8388608.0]));
        Assert.Equal(WaveBytes.Int32(int.MaxValue, int.MinValue, -3), Encode(SampleFormat.Int32, [1.0, -7.0, -3 / 2147483648.0]));
    }

    [Fact]
    public void Float_formats_keep_overs_unclamped()
    {
        Assert.Equal([2.5, -4.0], Decode(SampleFormat.Float32, Encode(SampleFormat.Float32, [2.5, -4.0])));
        Assert.Equal([1e10, -0.1], Decode(SampleFormat.Float64, Encode(SampleFormat.Float64, [1e10, -0.1])));
    }

    [Theory]
    [InlineData(SampleFormat.Int16)]
    [InlineData(SampleFormat.Int24)]
    [InlineData(SampleFormat.Int32)]
    public void Every_integer_code_survives_decode_then_encode(SampleFormat format)
    {
        int bits = WaveFormatCodes.BitsOf(format);
        var random = new Random(3);
        var codes = Enumerable.Range(0, 10_000).Select(_ => random.NextInt64(-(1L << (bits - 1)), 1L << (bits - 1))).ToArray();
        codes[0] = -(1L << (bits - 1));
        codes[1] = (1L << (bits - 1)) - 1;
        var bytes = format switch
        {
            SampleFormat.Int16 => WaveBytes.Int16(codes.Select(c => (short)c).ToArray()),
            SampleFormat.Int24 => WaveBytes.Int24(codes.Select(c => (int)c).ToArray()),
            _ => WaveBytes.Int32(codes.Select(c => (int)c).ToArray()),
        };
        var decoded = Decode(format, bytes);
        Assert.Equal(codes.Select(c => c / Math.Pow(2, bits - 1)), decoded);
        Assert.Equal(bytes, Encode(format, decoded));
    }

    [Fact]
    public void Dither_only_moves_samples_by_at_most_one_lsb()
    {
        var values = Enumerable.Range(0, 5000).Select(i => Math.Sin(i * 0.01) * 0.9).ToArray();
        var plain = Decode(SampleFormat.Int16, Encode(SampleFormat.Int16, values));
        var dithered = Decode(SampleFormat.Int16, Encode(SampleFormat.Int16, values, dither: true));
        // TPDF in (-1, 1) LSB plus rounding: the result is within 1 LSB (ties) of the undithered rounding.
        Assert.All(plain.Zip(dithered), p => Assert.InRange(Math.Abs(p.First - p.Second) * 32768, 0, 1));
        Assert.True(plain.Zip(dithered).Count(p => p.First != p.Second) > 1000, "dither changes many samples");
    }

    [Fact]
    public void A_stride_interleaves_one_channel_among_others()
    {
        var buffer = new byte[3 * 6];
        var state = new TpdfDither(1, 0);
        SampleCodec.RtEncodeChannel(SampleFormat.Int24, [1 / 8388608.0, 2 / 8388608.0, 3 / 8388608.0], buffer.AsSpan(3), 6, false, ref state);
        Assert.Equal(WaveBytes.Int24(0, 1, 0, 2, 0, 3), buffer);
        var channel = new double[3];
        SampleCodec.RtDecodeChannel(SampleFormat.Int24, buffer.AsSpan(3), 6, channel);
        Assert.Equal([1 / 8388608.0, 2 / 8388608.0, 3 / 8388608.0], channel);
    }

    [Fact]
    public void A_buffer_too_short_for_the_frames_is_an_argument_error()
    {
        var state = new TpdfDither(1, 0);
        Assert.Throws<ArgumentException>(() => SampleCodec.RtEncodeChannel(SampleFormat.Int16, new double[4], new byte[7], 2, false, ref state));
        Assert.Throws<ArgumentException>(() => SampleCodec.RtDecodeChannel(SampleFormat.Int24, new byte[8], 3, new double[3]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Int24_vector_encoding_writes_the_bytes_of_the_sample_by_sample_loop(bool dither)
    {
        // Exact equality: both paths do the same IEEE operations per sample. Ties at half an LSB (round to even), values
        // past full scale, ±∞, NaN and −0 are mixed into seeded noise; 1000 frames (not a whole number of vectors or
        // chunks) interleaved with stride 9, as channel 2 of three 24-bit channels.
        var random = new Random(5);
        double lsb = 1 / 8388608.0;
        var values = new double[1000];
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextDouble() - 0.5) * 2.2;
        double[] special = [0.5 * lsb, 1.5 * lsb, -2.5 * lsb, 1.0, -1.0, 1.0 - 0.5 * lsb, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0, -0.3 * lsb];
        for (int k = 0; k < special.Length; k++) values[k * 83 + 1] = special[k];
        var noise = new double[dither ? values.Length : 0];
        var scalarDither = new TpdfDither(3, 2);
        for (int i = 0; i < noise.Length; i++) noise[i] = scalarDither.RtNext();
        var scalar = new byte[values.Length * 9];
        SampleCodec.RtEncodeInt24Scalar(values, ref scalar[6], 9, noise);
        var channel = new byte[values.Length * 9];
        var channelDither = new TpdfDither(3, 2);
        SampleCodec.RtEncodeChannel(SampleFormat.Int24, values, channel.AsSpan(6), 9, dither, ref channelDither);
        Assert.Equal(scalar, channel);
        if (dither) Assert.Equal(scalarDither.RtNext(), channelDither.RtNext()); // both drew one value per sample
        var drawn = new byte[values.Length * 9];
        SampleCodec.RtEncodeInt24(values, drawn.AsSpan(6), 9, noise);
        Assert.Equal(scalar, drawn);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Channels_encoded_in_order_with_overrun_give_the_bytes_of_the_sample_by_sample_loop(bool dither)
    {
        // Exact equality: channels 0 and 1 of three interleaved 24-bit channels store four bytes per sample (the fourth
        // on the next channel's first byte, which that channel then writes), channel 2 three; 1000 frames, not a whole
        // number of vectors or chunks, and full-scale, NaN and tie values among seeded noise.
        const int channels = 3, frames = 1000, stride = channels * 3;
        var random = new Random(9);
        var values = new double[channels][];
        var noise = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            values[c] = new double[frames];
            for (int i = 0; i < frames; i++) values[c][i] = (random.NextDouble() - 0.5) * 2.2;
            values[c][17] = double.NaN;
            values[c][400] = 1.5 / 8388608.0;
            noise[c] = new double[dither ? frames : 0];
            var state = new TpdfDither(4, c);
            state.RtFill(noise[c]);
        }
        var expected = new byte[frames * stride];
        var overrun = new byte[frames * stride];
        for (int c = 0; c < channels; c++)
        {
            SampleCodec.RtEncodeInt24Scalar(values[c], ref expected[c * 3], stride, noise[c]);
            SampleCodec.RtEncodeInt24(values[c], overrun.AsSpan(c * 3), stride, noise[c], overrun: c < channels - 1);
        }
        Assert.Equal(expected, overrun);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(30)]
    public void Int24_decoding_gives_the_values_of_the_sample_by_sample_loop_up_to_the_last_byte(int stride)
    {
        // Exact equality: both paths convert the same sign-extended integer and scale it by 2^−23. Seeded random bytes
        // (both signs, full scale) with the extremes 0x800000 and 0x7FFFFF planted; every frame count from 0 to 40 and
        // 1000, each from a source that ends at the last sample's third byte (the vector path must not read past it) and
        // starts at channel 1 of the frame.
        var random = new Random(stride);
        foreach (int frames in Enumerable.Range(0, 41).Append(1000))
        {
            var source = new byte[3 + Math.Max(0, frames - 1) * stride + (frames > 0 ? 3 : 0)];
            random.NextBytes(source);
            if (frames > 5)
            {
                source.AsSpan(3 + 2 * stride, 3).Fill(0x00);
                source[3 + 2 * stride + 2] = 0x80;
                source.AsSpan(3 + 5 * stride, 3).Fill(0xFF);
                source[3 + 5 * stride + 2] = 0x7F;
            }
            var expected = new double[frames + 1];
            var decoded = new double[frames + 1];
            decoded[frames] = expected[frames] = 7.0;
            if (frames > 0) SampleCodec.RtDecodeInt24Scalar(ref source[3], stride, ref expected[0], frames);
            SampleCodec.RtDecodeChannel(SampleFormat.Int24, source.AsSpan(3), stride, decoded.AsSpan(0, frames));
            Assert.Equal(expected, decoded);
            if (frames > 5) Assert.Equal((-1.0, 8388607 / 8388608.0), (decoded[2], decoded[5]));
        }
    }

    [Theory]
    [InlineData(SampleFormat.Int16)]
    [InlineData(SampleFormat.Int24)]
    [InlineData(SampleFormat.Int32)]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Float64)]
    public void Decoding_onto_zero_gives_the_bits_of_decoding_then_scaling_onto_zero(SampleFormat format)
    {
        // Bit equality, zero's sign included: seeded full-scale codes (the extremes, 0 and, for float codings, −0 and an
        // over planted), 1001 frames (not a whole number of vectors) as channel 1 of two, for gains of both signs, 0,
        // −0, unity and a tiny one (1e-290, whose factor gain·2^−31 is still normal, so exact and folded).
        int bytes = SampleCodec.BytesOf(format), stride = 2 * bytes;
        var random = new Random(11);
        var values = new double[1001];
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextDouble() - 0.5) * 2.0;
        values[3] = -1.0;
        values[4] = 0.0;
        values[5] = format is SampleFormat.Float32 or SampleFormat.Float64 ? -0.0 : 1.0;
        values[6] = format is SampleFormat.Float32 or SampleFormat.Float64 ? 3.5 : 1.0;
        var source = new byte[values.Length * stride];
        var state = new TpdfDither(1, 0);
        SampleCodec.RtEncodeChannel(format, values, source.AsSpan(bytes), stride, false, ref state);
        foreach (double gain in new[] { 0.7071067811865476, -1.9952623149688795, 0.0, -0.0, 1.0, 1e-290 })
        {
            Assert.True(SampleCodec.RtFoldsGain(format, gain));
            var expected = new double[values.Length];
            SampleCodec.RtDecodeChannel(format, source.AsSpan(bytes), stride, expected);
            MixSum.RtScaleOntoZero(expected, gain);
            var folded = new double[values.Length];
            SampleCodec.RtDecodeChannelOntoZero(format, source.AsSpan(bytes), stride, folded, gain);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), folded.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void A_gain_is_folded_into_integer_decoding_only_where_its_scaled_factor_is_exact()
    {
        // 1e-302·2^−23 lies in the subnormal range and rounds (its low bits are lost), so folding it would round the
        // product twice; float codings take the gain as it is. Non-finite gains are never folded.
        Assert.False(SampleCodec.RtFoldsGain(SampleFormat.Int24, 1e-302));
        Assert.False(SampleCodec.RtFoldsGain(SampleFormat.Int16, 1e-305));
        Assert.True(SampleCodec.RtFoldsGain(SampleFormat.Float32, 1e-302));
        Assert.False(SampleCodec.RtFoldsGain(SampleFormat.Int24, double.PositiveInfinity));
        Assert.False(SampleCodec.RtFoldsGain(SampleFormat.Float64, double.NaN));
    }

    [Fact]
    public void Overrun_needs_the_byte_after_the_last_sample_inside_the_destination()
    {
        // Two frames of stride 3 end at byte 6: three bytes for the last sample fit, a fourth does not.
        Assert.Throws<ArgumentException>(() => SampleCodec.RtEncodeInt24(new double[2], new byte[6], 3, default, overrun: true));
        SampleCodec.RtEncodeInt24(new double[2], new byte[6], 3, default);
    }
}
