using MixEngine.Tests.Support;
using MixEngine.Dsp;
using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>Decoding, channel mapping, out-of-range frames and streaming behaviour of <see cref="WavReader"/>.</summary>
public sealed class WavReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private double[] ReadMono(byte[] file, int count, long start = 0)
    {
        using var reader = WavReader.Open(_folder.Write($"f{Guid.NewGuid():N}.wav", file));
        var destination = new[] { new double[count] };
        reader.RtReadPlanar(start, count, [0], destination, 0);
        return destination[0];
    }

    [Fact]
    public void Int16_decodes_to_value_over_32768_exactly()
    {
        var values = ReadMono(Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(short.MinValue, -1, 0, 1, short.MaxValue))), 5);
        Assert.Equal([-1.0, -1 / 32768.0, 0, 1 / 32768.0, 32767 / 32768.0], values);
    }

    [Fact]
    public void Int24_decodes_sign_extended_to_value_over_2_pow_23_exactly()
    {
        var values = ReadMono(Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 24)), new Chunk("data", Int24(-8388608, -2, 0, 3, 8388607))), 5);
        Assert.Equal([-1.0, -2 / 8388608.0, 0, 3 / 8388608.0, 8388607 / 8388608.0], values);
    }

    [Fact]
    public void Int32_decodes_to_value_over_2_pow_31_exactly()
    {
        var values = ReadMono(Riff(new Chunk("fmt ", FmtExtensible(1, 1, 48000, 32, 0x4)), new Chunk("data", Int32(int.MinValue, -5, 7, int.MaxValue))), 4);
        Assert.Equal([-1.0, -5 / 2147483648.0, 7 / 2147483648.0, int.MaxValue / 2147483648.0], values);
    }

    [Fact]
    public void Float32_and_float64_decode_bit_exactly()
    {
        var f32 = ReadMono(Riff(new Chunk("fmt ", Fmt(3, 1, 48000, 32)), new Chunk("data", Float32(0.1f, -1.5f, 3e-30f))), 3);
        Assert.Equal([(double)0.1f, -1.5, (double)3e-30f], f32);
        var f64 = ReadMono(Riff(new Chunk("fmt ", FmtExtensible(3, 1, 48000, 64, 0x4)), new Chunk("data", Float64(0.1, -2.5, double.Epsilon))), 3);
        Assert.Equal([0.1, -2.5, double.Epsilon], f64);
    }

    [Fact]
    public void Channel_map_picks_media_channels_and_out_of_range_channels_read_as_zeros()
    {
        // Three channels, frame i holds (10i+1, 10i+2, 10i+3).
        var samples = Enumerable.Range(0, 4).SelectMany(i => new[] { (short)(10 * i + 1), (short)(10 * i + 2), (short)(10 * i + 3) }).ToArray();
        using var reader = WavReader.Open(_folder.Write("three.wav", Riff(new Chunk("fmt ", FmtExtensible(1, 3, 48000, 16, 0x7)), new Chunk("data", Int16(samples)))));
        var destination = new[] { new double[6], new double[6], new double[6] };
        Array.Fill(destination[2], 9.0);
        reader.RtReadPlanar(1, 3, [2, 0, 7], destination, 2);
        Assert.Equal(new[] { 0, 0, 13, 23, 33, 0 }.Select(v => v / 32768.0), destination[0]);
        Assert.Equal(new[] { 0, 0, 11, 21, 31, 0 }.Select(v => v / 32768.0), destination[1]);
        Assert.Equal([9, 9, 0, 0, 0, 9], destination[2]);
    }

    [Fact]
    public void Frames_before_zero_and_past_the_end_read_as_zeros()
    {
        var file = Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(1, 2, 3)));
        Assert.Equal(new[] { 0, 0, 1, 2, 3, 0, 0 }.Select(v => v / 32768.0), ReadMono(file, 7, start: -2));
        Assert.Equal([0.0, 0.0], ReadMono(file, 2, start: 10));
        Assert.Equal([0.0, 0.0], ReadMono(file, 2, start: -5));
    }

    [Fact]
    public void Rf64_data_sized_by_ds64_decodes_every_frame()
    {
        var file = Rf64("RF64", 8, 4, [], new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(4, 3, 2, 1), DeclaredSize: 0xFFFFFFFF));
        Assert.Equal(new[] { 4, 3, 2, 1, 0 }.Select(v => v / 32768.0), ReadMono(file, 5));
    }

    [Fact]
    public void Sequential_blocks_and_random_seeks_across_many_read_ahead_chunks_return_the_ramp()
    {
        const int frames = 300_000;
        var ramp = new short[frames * 2];
        for (int i = 0; i < frames; i++)
        {
            ramp[2 * i] = (short)(i % 65536 - 32768);
            ramp[2 * i + 1] = (short)(32767 - i % 65536);
        }
        using var reader = WavReader.Open(_folder.Write("long.wav", Riff(new Chunk("fmt ", Fmt(1, 2, 48000, 16)), new Chunk("data", Int16(ramp)))));
        Assert.True(frames > 4 * reader.ChunkFrames, "the file must span several read-ahead chunks");
        var block = new[] { new double[1000], new double[1000] };
        for (long start = 0; start < frames; start += 1000)
        {
            reader.RtReadPlanar(start, 1000, [0, 1], block, 0);
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal(ramp[2 * (start + i)] / 32768.0, block[0][i]);
                Assert.Equal(ramp[2 * (start + i) + 1] / 32768.0, block[1][i]);
            }
        }
        var random = new Random(7);
        for (int n = 0; n < 200; n++)
        {
            long start = random.Next(-500, frames);
            reader.RtReadPlanar(start, 1000, [1], block, 0);
            for (int i = 0; i < 1000; i++)
            {
                long f = start + i;
                Assert.Equal(f is >= 0 and < frames ? ramp[2 * f + 1] / 32768.0 : 0.0, block[0][i]);
            }
        }
        Assert.Equal(0, reader.FailedReads);
    }

    [Fact]
    public void Reads_onto_zero_give_the_bits_of_reading_then_scaling_onto_zero()
    {
        // Bit equality: a 24-bit stereo file over several read-ahead chunks, read by a second reader forward in blocks
        // (most of them inside a settled chunk, decoded directly) and at seeded seeks (some before 0 or past the end),
        // channels swapped and one out of range, with a gain folded into the decoding and one that cannot be (1e-302).
        const int frames = 200_000;
        var random = new Random(13);
        var codes = Enumerable.Range(0, 2 * frames).Select(_ => random.Next(-8388608, 8388608)).ToArray();
        string path = _folder.Write("onto.wav", Riff(new Chunk("fmt ", Fmt(1, 2, 48000, 24)), new Chunk("data", Int24(codes))));
        using var plain = WavReader.Open(path);
        using var scaled = WavReader.Open(path);
        Assert.True(frames > 2 * plain.ChunkFrames, "the file must span several read-ahead chunks");
        int[] map = [1, 0, 5];
        var expected = new[] { new double[777], new double[777], new double[777] };
        var actual = new[] { new double[777], new double[777], new double[777] };
        var starts = Enumerable.Range(0, frames / 777 + 2).Select(b => (long)b * 777).Concat(Enumerable.Range(0, 60).Select(_ => (long)random.Next(-900, frames + 100))).ToArray();
        foreach (double gain in new[] { 0.5011872336272722, 1e-302 })
            foreach (long start in starts)
            {
                plain.RtReadPlanar(start, 777, map, expected, 0);
                foreach (var channel in expected) MixSum.RtScaleOntoZero(channel, gain);
                scaled.RtReadPlanarOntoZero(start, 777, map, actual, 0, gain);
                for (int k = 0; k < map.Length; k++)
                    Assert.Equal(expected[k].Select(BitConverter.DoubleToInt64Bits), actual[k].Select(BitConverter.DoubleToInt64Bits));
            }
    }

    [Fact]
    public void Readers_on_parallel_render_threads_each_stream_the_right_samples()
    {
        const int frames = 250_000;
        var ramp = Enumerable.Range(0, frames).Select(i => (short)(i % 65536 - 32768)).ToArray();
        string path = _folder.Write("shared.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(ramp))));
        var mismatches = new int[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            using var reader = WavReader.Open(path);
            var block = new[] { new double[333 + t] };
            for (long start = t * 1000; start < frames; start += block[0].Length)
            {
                reader.RtReadPlanar(start, block[0].Length, [0], block, 0);
                for (int i = 0; i < block[0].Length; i++)
                    if (block[0][i] != (start + i < frames ? ramp[start + i] / 32768.0 : 0)) mismatches[t]++;
            }
        });
        Assert.Equal([0, 0, 0, 0], mismatches);
    }

    [Fact]
    public void Streaming_reads_allocate_nothing_after_open()
    {
        const int frames = 400_000;
        var file = Riff(new Chunk("fmt ", FmtExtensible(1, 2, 48000, 24, 0x3)), new Chunk("data", new byte[frames * 6]));
        using var reader = WavReader.Open(_folder.Write("alloc.wav", file));
        var block = new[] { new double[512], new double[512] };
        int[] map = [0, 1];
        long allocated = SteadyStateAllocation.Bytes(() =>
        {
            for (long start = -1000; start < frames + 1000; start += 512) reader.RtReadPlanar(start, 512, map, block, 0);
            for (int n = 0; n < 100; n++) reader.RtReadPlanar(n * 3989 % frames, 512, map, block, 0);
        });
        // Exact: the read path uses only preallocated buffers (about 2,400 calls, so even 1 byte per call would show).
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_file_truncated_after_open_reads_zeros_and_reports_the_file_chunk_and_offset()
    {
        const int frames = 300_000;
        string path = _folder.Write("shrinks.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", new byte[frames * 2])));
        using var reader = WavReader.Open(path);
        Assert.Null(reader.ReadFailure);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(44 + 1000);
        var block = new[] { new double[4096] };
        for (long start = 0; start < frames; start += 4096) reader.RtReadPlanar(start, 4096, [0], block, 0);
        var failure = reader.ReadFailure;
        Assert.NotNull(failure);
        Assert.Equal(path, failure.FilePath);
        Assert.Equal("data", failure.Chunk);
        Assert.InRange(failure.ByteOffset, 44, 44 + 1000); // the first byte that could not be read lies inside what is left
        Assert.Contains("truncated", failure.Message);
    }

    [Fact]
    public void Read_ahead_memory_is_three_chunks_whatever_the_media_length_and_two_for_media_of_two_chunks()
    {
        var fmt = new Chunk("fmt ", Fmt(1, 2, 48000, 16));
        using var shortReader = WavReader.Open(_folder.Write("short.wav", Riff(fmt, new Chunk("data", new byte[200_000 * 4]))));
        using var longReader = WavReader.Open(_folder.Write("longer.wav", Riff(fmt, new Chunk("data", new byte[2_000_000 * 4]))));
        using var twoChunks = WavReader.Open(_folder.Write("two.wav", Riff(fmt, new Chunk("data", new byte[2 * DataReadAhead.MaxChunkFrames * 4]))));
        Assert.Equal(shortReader.BufferBytes, longReader.BufferBytes);
        Assert.Equal(3L * DataReadAhead.MaxChunkFrames * 4, longReader.BufferBytes);
        Assert.Equal(2L * DataReadAhead.MaxChunkFrames * 4, twoChunks.BufferBytes);
    }

    [Fact]
    public void Disposing_while_read_ahead_is_pending_is_clean_and_idempotent()
    {
        var reader = WavReader.Open(_folder.Write("dispose.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", new byte[600_000]))));
        var block = new[] { new double[16] };
        reader.RtReadPlanar(0, 16, [0], block, 0);
        reader.Dispose();
        reader.Dispose();
        Assert.Equal(0, reader.FailedReads);
    }
}
