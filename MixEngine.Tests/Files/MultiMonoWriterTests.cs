using MixEngine.Tests.Support;
using System.Buffers.Binary;
using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>Multi-mono prints written by <see cref="MultiMonoWriter"/> (via <see cref="PrintFiles.CreateMultiMono"/>).</summary>
public sealed class MultiMonoWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> Print(PrintFileOptions options, double[][] channels, string name = "PM.wav", int block = 1000)
    {
        using var writer = PrintFiles.CreateMultiMono(_folder.File(name), options);
        int frames = channels[0].Length;
        for (int offset = 0; offset < frames; offset += block) writer.RtWritePlanar(channels, offset, Math.Min(block, frames - offset));
        writer.Commit();
        Assert.Equal(frames, writer.FramesWritten);
        return writer.Paths;
    }

    [Fact]
    public void One_file_per_channel_is_named_with_the_channel_label()
    {
        var paths = Print(PrintFixtures.Options(ChannelLayout.Atmos712, SampleFormat.Int24), PrintFixtures.Sines(10, 100));
        Assert.Equal(ChannelLayout.Atmos712.Labels.Select(l => _folder.File($"PM.{l}.wav")), paths);
        Assert.Equal(paths.Order(), Directory.GetFiles(_folder.Path).Order());
    }

    [Fact]
    public void Each_file_holds_its_channel_with_its_speaker_bit_and_the_shared_time_reference()
    {
        var layout = ChannelLayout.Surround71;
        var signal = PrintFixtures.GridRamp(layout.ChannelCount, 3000);
        var paths = Print(PrintFixtures.Options(layout, SampleFormat.Int24), signal);
        for (int c = 0; c < layout.ChannelCount; c++)
        {
            var info = WavFile.Probe(paths[c]);
            Assert.Equal((1, layout.Speakers[c].MaskBit, PrintFixtures.HourAt23976, 3000L),
                (info.Channels, info.ChannelMask, info.TimeReference!.Value, info.Frames));
            Assert.Equal(signal[c], PrintFixtures.ReadAll(paths[c])[0]);
        }
    }

    [Fact]
    public void Multi_mono_9_1_6_files_carry_mask_0()
    {
        var paths = Print(PrintFixtures.Options(ChannelLayout.Atmos916, SampleFormat.Int24), PrintFixtures.Sines(16, 10));
        Assert.All(paths, p => Assert.Equal(0u, WavFile.Probe(p).ChannelMask));
    }

    [Fact]
    public void A_16_bit_mono_centre_file_uses_plain_pcm_and_a_16_bit_left_file_is_extensible()
    {
        var mono = Print(PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16), PrintFixtures.Sines(1, 10), "M.wav");
        Assert.Equal(_folder.File("M.C.wav"), mono.Single());
        var stereo = Print(PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int16), PrintFixtures.Sines(2, 10), "S.wav");
        ushort Tag(string path)
        {
            var bytes = File.ReadAllBytes(path);
            return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)WaveBytes.FindChunk(bytes, "fmt ") + 8));
        }
        Assert.Equal(1, Tag(mono[0]));
        Assert.Equal(0xFFFE, Tag(stereo[0]));
        Assert.Equal(0x1u, WavFile.Probe(stereo[0]).ChannelMask);
        Assert.Equal(0x2u, WavFile.Probe(stereo[1]).ChannelMask);
    }

    [Fact]
    public void Dithered_multi_mono_samples_equal_the_interleaved_print_channel_by_channel()
    {
        var options = PrintFixtures.Options(ChannelLayout.Surround51, SampleFormat.Int16, dither: true, seed: 9);
        var signal = PrintFixtures.Sines(6, 5000);
        var paths = Print(options, signal, block: 777);
        string interleaved = _folder.File("PM_interleaved.wav");
        using (var writer = PrintFiles.CreateInterleaved(interleaved, options))
        {
            writer.RtWritePlanar(signal, 0, 5000);
            writer.Commit();
        }
        var together = PrintFixtures.ReadAll(interleaved);
        for (int c = 0; c < 6; c++) Assert.Equal(together[c], PrintFixtures.ReadAll(paths[c])[0]);
    }

    [Fact]
    public void Dispose_without_commit_leaves_no_file()
    {
        using (var writer = PrintFiles.CreateMultiMono(_folder.File("PM.wav"), PrintFixtures.Options(ChannelLayout.Atmos714, SampleFormat.Float32)))
        {
            writer.RtWritePlanar(PrintFixtures.Sines(12, 100), 0, 100);
            Assert.Equal(12, Directory.GetFiles(_folder.Path).Length);
            Assert.All(Directory.GetFiles(_folder.Path), f => Assert.Contains(".partial-", f));
        }
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Writing_allocates_nothing_after_construction()
    {
        var signal = PrintFixtures.Sines(6, 256);
        using var writer = PrintFiles.CreateMultiMono(_folder.File("alloc.wav"), PrintFixtures.Options(ChannelLayout.Surround51, SampleFormat.Int24, dither: true));
        long allocated = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 2000; n++) writer.RtWritePlanar(signal, 0, 256);
        });
        // Exact: six preallocated conversion buffers, flushed in place.
        Assert.Equal(0, allocated);
    }
}
