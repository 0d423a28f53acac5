using MixEngine.Tests.Support;
using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>Interleaved Broadcast WAVE prints written by <see cref="BwfWriter"/> (via <see cref="PrintFiles.CreateInterleaved"/>).</summary>
public sealed class BwfWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Print(PrintFileOptions options, double[][] channels, string name = "PM.wav", int block = 4096, long? promotion = null)
    {
        string path = _folder.File(name);
        using var writer = PrintFiles.CreateInterleaved(path, options, promotion ?? BwfWriter.RiffSizeLimit);
        int frames = channels[0].Length;
        for (int offset = 0; offset < frames; offset += block) writer.RtWritePlanar(channels, offset, Math.Min(block, frames - offset));
        writer.Commit();
        Assert.Equal(frames, writer.FramesWritten);
        return path;
    }

    private static List<(string Id, long Offset, uint Size)> Chunks(byte[] file)
    {
        var list = new List<(string, long, uint)>();
        long offset = 12;
        while (offset + 8 <= file.Length)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + 4));
            list.Add((Encoding.ASCII.GetString(file, (int)offset, 4), offset, size));
            long length = size == 0xFFFFFFFF ? (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(28)) : size;
            offset += 8 + length + (length & 1);
        }
        return list;
    }

    [Theory]
    [InlineData(SampleFormat.Int16)]
    [InlineData(SampleFormat.Int24)]
    [InlineData(SampleFormat.Int32)]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Float64)]
    public void Values_on_the_16_bit_grid_round_trip_exactly_in_every_format(SampleFormat format)
    {
        var signal = PrintFixtures.GridRamp(2, 20_000);
        var read = PrintFixtures.ReadAll(Print(PrintFixtures.Options(ChannelLayout.Stereo, format), signal));
        Assert.Equal(signal[0], read[0]);
        Assert.Equal(signal[1], read[1]);
    }

    [Theory]
    [InlineData(SampleFormat.Int16, 16)]
    [InlineData(SampleFormat.Int24, 24)]
    [InlineData(SampleFormat.Int32, 32)]
    [InlineData(SampleFormat.Float32, 0)]
    [InlineData(SampleFormat.Float64, 0)]
    public void A_sine_round_trips_within_half_an_lsb_or_float_rounding(SampleFormat format, int bits)
    {
        var signal = PrintFixtures.Sines(1, 9_601);
        var read = PrintFixtures.ReadAll(Print(PrintFixtures.Options(ChannelLayout.Mono, format), signal));
        // Integer PCM rounds to nearest: error ≤ 0.5 LSB = 2^-bits. Float32 rounds the mantissa: ≤ 2^-24 relative
        // (|x| ≤ 0.5, so ≤ 2^-25 absolute). Float64 stores the double itself: exact.
        double tolerance = format switch
        {
            SampleFormat.Float32 => Math.Pow(2, -25),
            SampleFormat.Float64 => 0,
            _ => Math.Pow(2, -bits),
        };
        for (int i = 0; i < signal[0].Length; i++) Assert.True(Math.Abs(read[0][i] - signal[0][i]) <= tolerance, $"frame {i}");
    }

    [Fact]
    public void Every_layout_keeps_its_channel_order_and_mask()
    {
        foreach (var layout in ChannelLayout.All)
        {
            int n = layout.ChannelCount;
            var signal = Enumerable.Range(0, n).Select(c => Enumerable.Repeat((c + 1) / 32.0, 100).ToArray()).ToArray();
            string path = Print(PrintFixtures.Options(layout, SampleFormat.Int24), signal, $"{layout.Name}.wav");
            var info = WavFile.Probe(path);
            Assert.Equal((n, layout.ChannelMask), (info.Channels, info.ChannelMask));
            var read = PrintFixtures.ReadAll(path);
            for (int c = 0; c < n; c++) Assert.All(read[c], v => Assert.Equal((c + 1) / 32.0, v));
        }
    }

    [Fact]
    public void Chunks_are_junk_bext_fmt_fact_ixml_data_with_even_sizes()
    {
        var bytes = File.ReadAllBytes(Print(PrintFixtures.Options(ChannelLayout.Surround51, SampleFormat.Float32), PrintFixtures.Sines(6, 101)));
        var chunks = Chunks(bytes);
        Assert.Equal(["JUNK", "bext", "fmt ", "fact", "iXML", "data"], chunks.Select(c => c.Id));
        Assert.Equal(12, chunks[0].Offset);
        Assert.Equal(28u, chunks[0].Size);
        Assert.All(chunks, c => Assert.True(c.Size % 2 == 0, $"{c.Id} size {c.Size} is odd"));
        Assert.Equal(101u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)chunks[3].Offset + 8)));
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public void Odd_data_is_followed_by_a_pad_byte_outside_the_data_size()
    {
        var bytes = File.ReadAllBytes(Print(PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int24), PrintFixtures.Sines(1, 3)));
        var data = Chunks(bytes).Single(c => c.Id == "data");
        Assert.Equal(9u, data.Size);
        Assert.Equal(data.Offset + 8 + 9 + 1, bytes.Length);
    }

    [Theory]
    [InlineData(SampleFormat.Int16, "stereo", 16, 1)]
    [InlineData(SampleFormat.Int16, "mono", 16, 1)]
    [InlineData(SampleFormat.Int16, "5.1", 40, 0xFFFE)]
    [InlineData(SampleFormat.Int24, "stereo", 40, 0xFFFE)]
    [InlineData(SampleFormat.Float64, "mono", 40, 0xFFFE)]
    public void Fmt_follows_the_formats_table(SampleFormat format, string layoutName, int fmtSize, int tag)
    {
        ChannelLayout.TryParse(layoutName, out var layout);
        var bytes = File.ReadAllBytes(Print(PrintFixtures.Options(layout, format), PrintFixtures.Sines(layout.ChannelCount, 10)));
        var fmt = Chunks(bytes).Single(c => c.Id == "fmt ");
        var body = bytes.AsSpan((int)fmt.Offset + 8);
        Assert.Equal(fmtSize, (int)fmt.Size);
        // fact accompanies every fmt that is not plain PCM (float, and EXTENSIBLE, which libsndfile expects it for).
        Assert.Equal(tag != 1, Chunks(bytes).Any(c => c.Id == "fact"));
        Assert.Equal(tag, BinaryPrimitives.ReadUInt16LittleEndian(body));
        int bits = format switch { SampleFormat.Int16 => 16, SampleFormat.Float64 => 64, _ => 24 };
        Assert.Equal(layout.ChannelCount * bits / 8, BinaryPrimitives.ReadUInt16LittleEndian(body[12..]));
        if (tag != 0xFFFE) return;
        Assert.Equal(22, BinaryPrimitives.ReadUInt16LittleEndian(body[16..]));
        Assert.Equal(bits, BinaryPrimitives.ReadUInt16LittleEndian(body[18..]));
        Assert.Equal(layout.ChannelMask, BinaryPrimitives.ReadUInt32LittleEndian(body[20..]));
        var guid = new Guid(body.Slice(24, 16));
        Assert.Equal(format == SampleFormat.Float64 ? "00000003-0000-0010-8000-00aa00389b71" : "00000001-0000-0010-8000-00aa00389b71", guid.ToString());
    }

    [Fact]
    public void Bext_fields_sit_at_their_tech_3285_offsets()
    {
        var bytes = File.ReadAllBytes(Print(PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int24), PrintFixtures.Sines(2, 10)));
        var bext = Chunks(bytes).Single(c => c.Id == "bext");
        Assert.Equal(BwfWriter.BextOffset, bext.Offset);
        var body = bytes.AsSpan((int)bext.Offset + 8, (int)bext.Size);
        int start = (int)bext.Offset + 8;
        string Ascii(int offset, int length) => Encoding.ASCII.GetString(bytes, start + offset, length).TrimEnd('\0');
        Assert.Equal("Demo reel printmaster", Ascii(0, 256));
        Assert.Equal("MixEngine", Ascii(256, 32));
        Assert.Equal("MXE0000000001", Ascii(288, 32));
        Assert.Equal("2026-11-24", Ascii(320, 10));
        Assert.Equal("07:30:05", Ascii(330, 8));
        Assert.Equal((ulong)PrintFixtures.HourAt23976, BinaryPrimitives.ReadUInt64LittleEndian(body[338..]));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(body[346..]));
        Assert.True(body.Slice(348, 64).IndexOfAnyExcept((byte)0) < 0, "UMID is zero");
        for (int field = 0; field < 5; field++) Assert.Equal(0x7FFF, BinaryPrimitives.ReadInt16LittleEndian(body[(412 + 2 * field)..]));
        Assert.True(body.Slice(422, 180).IndexOfAnyExcept((byte)0) < 0, "reserved bytes are zero");
        Assert.Equal("A=PCM,F=48000,W=24,M=multichannel,T=MixEngine\r\n", Ascii(602, body.Length - 602));
        Assert.Equal(602 + 48, body.Length);
    }

    [Fact]
    public void An_odd_coding_history_is_padded_with_a_nul_to_an_even_bext()
    {
        var options = PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int24) with { Metadata = PrintFixtures.Metadata(codingHistory: "A=PCM") };
        var bytes = File.ReadAllBytes(Print(options, PrintFixtures.Sines(1, 4)));
        var bext = Chunks(bytes).Single(c => c.Id == "bext");
        Assert.Equal(608u, bext.Size);
        Assert.Equal(0, bytes[(int)bext.Offset + 8 + 607]);
    }

    [Fact]
    public void Time_reference_of_01_00_00_00_at_23_976_is_172972800_in_bext_probe_and_ixml()
    {
        Assert.Equal(PrintFixtures.HourAt23976, PrintFixtures.Timecode(1, 0, 0, 0));
        string path = Print(PrintFixtures.Options(ChannelLayout.Atmos712, SampleFormat.Int24), PrintFixtures.Sines(10, 10));
        Assert.Equal(172_972_800L, WavFile.Probe(path).TimeReference);
        var speed = Ixml(path).Element("SPEED")!;
        Assert.Equal("0", speed.Element("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI")!.Value);
        Assert.Equal("172972800", speed.Element("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO")!.Value);
    }

    [Fact]
    public void Ixml_carries_rate_flag_timestamp_depth_project_and_channel_names()
    {
        var options = PrintFixtures.Options(ChannelLayout.Atmos712, SampleFormat.Int24) with
        {
            Metadata = PrintFixtures.Metadata(timeReference: 0x1_0000_0005L) with { DropFrame = true, TimecodeNumerator = 30000 },
        };
        var root = Ixml(Print(options, PrintFixtures.Sines(10, 10)));
        var speed = root.Element("SPEED")!;
        Assert.Equal("Demo reel", root.Element("PROJECT")!.Value);
        Assert.Equal("30000/1001", speed.Element("TIMECODE_RATE")!.Value);
        Assert.Equal("DF", speed.Element("TIMECODE_FLAG")!.Value);
        Assert.Equal("1", speed.Element("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI")!.Value);
        Assert.Equal("5", speed.Element("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO")!.Value);
        Assert.Equal("48000", speed.Element("TIMESTAMP_SAMPLE_RATE")!.Value);
        Assert.Equal("48000", speed.Element("FILE_SAMPLE_RATE")!.Value);
        Assert.Equal("24", speed.Element("AUDIO_BIT_DEPTH")!.Value);
        var tracks = root.Element("TRACK_LIST")!;
        Assert.Equal("10", tracks.Element("TRACK_COUNT")!.Value);
        Assert.Equal(ChannelLayout.Atmos712.Labels, tracks.Elements("TRACK").Select(t => t.Element("NAME")!.Value));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString()), tracks.Elements("TRACK").Select(t => t.Element("INTERLEAVE_INDEX")!.Value));
    }

    private static XElement Ixml(string path)
    {
        var bytes = File.ReadAllBytes(path);
        long offset = WaveBytes.FindChunk(bytes, "iXML");
        int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset + 4));
        return XDocument.Parse(Encoding.UTF8.GetString(bytes, (int)offset + 8, size)).Root!;
    }

    [Fact]
    public void The_print_lives_under_a_temporary_name_until_commit()
    {
        string path = _folder.File("PM.wav");
        using (var writer = PrintFiles.CreateInterleaved(path, PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int24)))
        {
            writer.RtWritePlanar(PrintFixtures.Sines(2, 100), 0, 100);
            var names = Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ToArray();
            Assert.Single(names);
            Assert.StartsWith(".PM.wav.partial-", names[0]);
            Assert.False(File.Exists(path));
            Assert.Equal([path], writer.Paths);
            writer.Commit();
        }
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Dispose_without_commit_deletes_the_temporary_file_and_leaves_an_old_print_untouched()
    {
        string path = _folder.Write("PM.wav", [1, 2, 3]);
        using (var writer = PrintFiles.CreateInterleaved(path, PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int24)))
            writer.RtWritePlanar(PrintFixtures.Sines(2, 100), 0, 100);
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Commit_replaces_an_existing_print()
    {
        string path = _folder.Write("PM.wav", [1, 2, 3]);
        Print(PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16), PrintFixtures.Sines(1, 50));
        Assert.Equal(50, WavFile.Probe(path).Frames);
    }

    [Fact]
    public void Past_the_promotion_threshold_commit_rewrites_the_header_as_rf64_with_ds64()
    {
        var signal = PrintFixtures.GridRamp(2, 2000);
        string path = Print(PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Float32), signal, promotion: 4000, block: 333);
        var bytes = File.ReadAllBytes(path);
        var chunks = Chunks(bytes);
        Assert.Equal("RF64", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(("ds64", 12L, 28u), chunks[0]);
        Assert.Equal((ulong)(bytes.Length - 8), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(2000UL * 8, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(28)));
        Assert.Equal(2000UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(36)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(44)));
        Assert.Equal(0xFFFFFFFFu, chunks.Single(c => c.Id == "data").Size);
        var info = WavFile.Probe(path);
        Assert.Equal(("RF64", 2000L), (info.Container, info.Frames));
        var read = PrintFixtures.ReadAll(path);
        Assert.Equal(signal[0], read[0]);
        Assert.Equal(signal[1], read[1]);
    }

    [Fact]
    public void A_riff_size_equal_to_the_threshold_stays_riff()
    {
        string probe = Print(PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16), PrintFixtures.Sines(1, 100), "probe.wav");
        long riffSize = new FileInfo(probe).Length - 8;
        string path = Print(PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16), PrintFixtures.Sines(1, 100), "edge.wav", promotion: riffSize);
        Assert.Equal("RIFF", WavFile.Probe(path).Container);
    }

    [Fact]
    public void Writing_allocates_nothing_after_construction()
    {
        var signal = PrintFixtures.Sines(10, 512);
        using var writer = PrintFiles.CreateInterleaved(_folder.File("alloc.wav"), PrintFixtures.Options(ChannelLayout.Atmos712, SampleFormat.Int24, dither: true));
        long allocated = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 2000; n++) writer.RtWritePlanar(signal, 0, 512);
        });
        // Exact: conversion and flushing use only the preallocated buffer (2,000 calls, ~30 file writes).
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Dithered_output_is_bit_identical_however_the_writes_are_chunked()
    {
        var signal = PrintFixtures.Sines(6, 30_000);
        var options = PrintFixtures.Options(ChannelLayout.Surround51, SampleFormat.Int16, dither: true, seed: 42);
        var whole = File.ReadAllBytes(Print(options, signal, "a.wav", block: 30_000));
        Assert.Equal(whole, File.ReadAllBytes(Print(options, signal, "b.wav", block: 1)));
        Assert.Equal(whole, File.ReadAllBytes(Print(options, signal, "c.wav", block: 4097)));
        Assert.NotEqual(whole, File.ReadAllBytes(Print(options with { DitherSeed = 43 }, signal, "d.wav")));
    }

    [Fact]
    public void Dither_on_silence_spreads_over_plus_minus_one_lsb_at_16_and_24_bits()
    {
        foreach (var (format, lsb) in new[] { (SampleFormat.Int16, 1 / 32768.0), (SampleFormat.Int24, 1 / 8388608.0) })
        {
            var read = PrintFixtures.ReadAll(Print(PrintFixtures.Options(ChannelLayout.Mono, format, dither: true), [new double[20_000]], $"d{format}.wav"));
            // TPDF of ±1 LSB rounded to the grid gives -1, 0 or +1 LSB only, each frequently (P(±1) = 1/8, P(0) = 3/4).
            Assert.Equal([-lsb, 0, lsb], read[0].Distinct().Order());
            double ones = read[0].Count(v => v != 0) / 20_000.0;
            Assert.InRange(ones, 0.25 - 0.02, 0.25 + 0.02); // binomial σ ≈ 0.003; ±0.02 is > 6σ
        }
    }

    [Theory]
    [InlineData(SampleFormat.Int32)]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Float64)]
    public void Dither_is_not_applied_to_32_bit_integer_or_float(SampleFormat format)
    {
        var signal = PrintFixtures.Sines(2, 1000);
        var plain = File.ReadAllBytes(Print(PrintFixtures.Options(ChannelLayout.Stereo, format), signal, "plain.wav"));
        var dithered = File.ReadAllBytes(Print(PrintFixtures.Options(ChannelLayout.Stereo, format, dither: true), signal, "dither.wav"));
        Assert.Equal(plain, dithered);
    }

    [Fact]
    public void Committing_twice_or_writing_after_commit_is_refused()
    {
        using var writer = PrintFiles.CreateInterleaved(_folder.File("twice.wav"), PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16));
        writer.Commit();
        Assert.Throws<InvalidOperationException>(writer.Commit);
        Assert.Throws<InvalidOperationException>(() => writer.RtWritePlanar(PrintFixtures.Sines(1, 4), 0, 4));
    }

    [Fact]
    public void Too_few_channel_arrays_is_an_argument_error()
    {
        using var writer = PrintFiles.CreateInterleaved(_folder.File("few.wav"), PrintFixtures.Options(ChannelLayout.Surround51, SampleFormat.Int16));
        var e = Assert.Throws<ArgumentException>(() => writer.RtWritePlanar(PrintFixtures.Sines(2, 4), 0, 4));
        Assert.Contains("expected 6 channel arrays, got 2", e.Message);
    }
}
