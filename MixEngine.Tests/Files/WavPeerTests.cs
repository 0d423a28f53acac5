using System.Buffers.Binary;
using System.Globalization;
using MixEngine.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Files;

/// <summary>
/// Independent tools agree with our files: ffprobe, soxi and sndfile-info read our prints (including a promoted RF64
/// and multi-mono sets), and our reader decodes files written by ffmpeg and SoX to the same samples those tools decode.
/// </summary>
public sealed class WavPeerTests : IDisposable
{
    // ffmpeg 5.1 abbreviations of the WAVE speaker bits (formats.md §1.1) and its names for whole layouts (§1.2).
    private static readonly (uint Bit, string Name)[] FfmpegSpeakers =
    [
        (0x1, "FL"), (0x2, "FR"), (0x4, "FC"), (0x8, "LFE"), (0x10, "BL"), (0x20, "BR"), (0x40, "FLC"), (0x80, "FRC"),
        (0x100, "BC"), (0x200, "SL"), (0x400, "SR"), (0x800, "TC"), (0x1000, "TFL"), (0x2000, "TFC"), (0x4000, "TFR"),
        (0x8000, "TBL"), (0x10000, "TBC"), (0x20000, "TBR"),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string FfprobeLayout(uint mask, int channels) => mask switch
    {
        0 => "unknown",
        0x4 => "mono",
        0x3 => "stereo",
        0x7 => "3.0",
        0x3F => "5.1",
        0x60F => "5.1(side)",
        0x63F => "7.1",
        _ when channels == 1 => $"1 channels ({FfmpegSpeakers.Single(s => s.Bit == mask).Name})",
        _ => $"{channels} channels ({string.Join('+', FfmpegSpeakers.Where(s => (mask & s.Bit) != 0).Select(s => s.Name))})",
    };

    private static Dictionary<string, string> Ffprobe(string path)
    {
        var (exit, stdout, stderr) = PeerTools.Run("ffprobe", "-v", "error", "-show_entries",
            "stream=codec_name,channels,channel_layout,sample_rate,bits_per_sample,duration_ts:format_tags=time_reference",
            "-of", "default=nw=1", path);
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private static string Soxi(string option, string path)
    {
        var (exit, stdout, stderr) = PeerTools.Run("soxi", option, path);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    private static string SndfileInfo(string path)
    {
        var (exit, stdout, stderr) = PeerTools.Run("sndfile-info", path);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("****", stdout);
        Assert.DoesNotContain("rror", stdout);
        return stdout;
    }

    private string Print(ChannelLayout layout, SampleFormat format, int frames, string name, long? promotion = null, bool multiMono = false)
    {
        string path = _folder.File(name);
        var options = PrintFixtures.Options(layout, format, dither: true);
        using var writer = multiMono
            ? PrintFiles.CreateMultiMono(path, options, promotion ?? BwfWriter.RiffSizeLimit)
            : PrintFiles.CreateInterleaved(path, options, promotion ?? BwfWriter.RiffSizeLimit);
        writer.RtWritePlanar(PrintFixtures.Sines(layout.ChannelCount, frames), 0, frames);
        writer.Commit();
        return path;
    }

    private static (string Codec, string Bits) FfmpegCoding(SampleFormat format) => format switch
    {
        SampleFormat.Int16 => ("pcm_s16le", "16"),
        SampleFormat.Int24 => ("pcm_s24le", "24"),
        SampleFormat.Int32 => ("pcm_s32le", "32"),
        SampleFormat.Float32 => ("pcm_f32le", "32"),
        _ => ("pcm_f64le", "64"),
    };

    // Every layout at 24 bits, every format in stereo, and the plain-fmt and float multichannel cases.
    private static IEnumerable<(ChannelLayout Layout, SampleFormat Format)> Prints() =>
    [
        .. ChannelLayout.All.Select(l => (l, SampleFormat.Int24)),
        .. Enum.GetValues<SampleFormat>().Select(f => (ChannelLayout.Stereo, f)),
        (ChannelLayout.Mono, SampleFormat.Int16), (ChannelLayout.Surround51, SampleFormat.Int16), (ChannelLayout.Atmos712, SampleFormat.Float32),
    ];

    [PeerFact("ffprobe")]
    public void Ffprobe_agrees_on_codec_channels_rate_bits_layout_frames_and_time_reference()
    {
        foreach (var (layout, format) in Prints()) FfprobeAgrees(layout, format);
    }

    private void FfprobeAgrees(ChannelLayout layout, SampleFormat format)
    {
        var probe = Ffprobe(Print(layout, format, 4801, $"{layout.Name}-{format}.wav"));
        var (codec, bits) = FfmpegCoding(format);
        Assert.Equal(codec, probe["codec_name"]);
        Assert.Equal(layout.ChannelCount.ToString(CultureInfo.InvariantCulture), probe["channels"]);
        Assert.Equal("48000", probe["sample_rate"]);
        Assert.Equal(bits, probe["bits_per_sample"]);
        // A plain 16-byte PCM fmt carries no mask; ffprobe 5.1 then reports "unknown" (as for ffmpeg's own s16 files).
        string expectedLayout = BwfHeader.UsesExtensible(format, layout.ChannelCount, layout.ChannelMask)
            ? FfprobeLayout(layout.ChannelMask, layout.ChannelCount)
            : "unknown";
        Assert.Equal($"{layout.Name} {format}: {expectedLayout}", $"{layout.Name} {format}: {probe["channel_layout"]}");
        Assert.Equal("4801", probe["duration_ts"]);
        Assert.Equal("172972800", probe["TAG:time_reference"]);
    }

    [PeerFact("soxi")]
    public void Soxi_agrees_on_channels_rate_bits_and_frames()
    {
        foreach (var (layout, format) in Prints()) SoxiAgrees(layout, format);
    }

    private void SoxiAgrees(ChannelLayout layout, SampleFormat format)
    {
        string path = Print(layout, format, 4801, $"{layout.Name}-{format}.wav");
        Assert.Equal(layout.ChannelCount.ToString(CultureInfo.InvariantCulture), Soxi("-c", path));
        Assert.Equal("48000", Soxi("-r", path));
        Assert.Equal(FfmpegCoding(format).Bits, Soxi("-b", path));
        Assert.Equal("4801", Soxi("-s", path));
    }

    [PeerFact("sndfile-info")]
    public void Sndfile_info_shows_the_mask_and_reports_no_problem()
    {
        foreach (var (layout, format) in Prints()) SndfileInfoAgrees(layout, format);
    }

    private void SndfileInfoAgrees(ChannelLayout layout, SampleFormat format)
    {
        string info = SndfileInfo(Print(layout, format, 4801, $"{layout.Name}-{format}.wav"));
        Assert.Contains($"Channels      : {layout.ChannelCount}\n", info);
        Assert.Contains("Frames      : 4801\n", info);
        if (BwfHeader.UsesExtensible(format, layout.ChannelCount, layout.ChannelMask))
            Assert.Contains($"Channel Mask  : 0x{layout.ChannelMask:X}", info);
        Assert.Contains("bext :", info);
        Assert.Contains("iXML :", info);
    }

    [PeerFact("ffprobe", "soxi", "sndfile-info")]
    public void A_print_promoted_to_rf64_is_read_by_ffprobe_soxi_and_sndfile_info()
    {
        string path = Print(ChannelLayout.Atmos712, SampleFormat.Int24, 4801, "rf64.wav", promotion: 10_000);
        Assert.Equal("RF64", WavFile.Probe(path).Container);
        var probe = Ffprobe(path);
        Assert.Equal(("pcm_s24le", "10", "4801", "172972800"), (probe["codec_name"], probe["channels"], probe["duration_ts"], probe["TAG:time_reference"]));
        Assert.Equal("4801", Soxi("-s", path));
        Assert.Equal("10", Soxi("-c", path));
        string info = SndfileInfo(path);
        Assert.Contains("ds64 :", info);
        Assert.Contains("Frames      : 4801\n", info);
        Assert.Contains("Channel Mask  : 0x563F", info);
    }

    [PeerFact("ffprobe", "sndfile-info")]
    public void Multi_mono_files_carry_their_speaker_bit_for_ffprobe_and_sndfile_info()
    {
        string path = Print(ChannelLayout.Surround51, SampleFormat.Int24, 480, "PM.wav", multiMono: true);
        foreach (var speaker in ChannelLayout.Surround51.Speakers)
        {
            string file = _folder.File($"PM.{speaker.Label}.wav");
            var probe = Ffprobe(file);
            Assert.Equal(("1", FfprobeLayout(speaker.MaskBit, 1), "172972800"), (probe["channels"], probe["channel_layout"], probe["TAG:time_reference"]));
            Assert.Contains($"Channel Mask  : 0x{speaker.MaskBit:X}", SndfileInfo(file));
        }
        Assert.False(File.Exists(path));
    }

    [PeerFact("ffprobe")]
    public void Multi_mono_9_1_6_files_have_mask_0_and_ffprobe_reads_them()
    {
        Print(ChannelLayout.Atmos916, SampleFormat.Int24, 480, "A.wav", multiMono: true);
        var probe = Ffprobe(_folder.File("A.Ltm.wav"));
        Assert.Equal(("1", "480"), (probe["channels"], probe["duration_ts"]));
    }

    private double[][] PeerDecode(string tool, string path, int channels)
    {
        string raw = path + ".f64";
        var (exit, _, stderr) = tool == "ffmpeg"
            ? PeerTools.Run("ffmpeg", "-v", "error", "-y", "-i", path, "-f", "f64le", "-c:a", "pcm_f64le", raw)
            : PeerTools.Run("sox", path, "-t", "raw", "-e", "floating-point", "-b", "64", raw);
        Assert.True(exit == 0, stderr);
        var bytes = File.ReadAllBytes(raw);
        int frames = bytes.Length / 8 / channels;
        var data = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            data[c] = new double[frames];
            for (int i = 0; i < frames; i++) data[c][i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * (i * channels + c)));
        }
        return data;
    }

    private void AssertSameSamples(string tool, string path, int channels)
    {
        var expected = PeerDecode(tool, path, channels);
        var actual = PrintFixtures.ReadAll(path);
        Assert.Equal(channels, actual.Length);
        // Exact: both sides divide integers by a power of two (or widen floats), so any difference is a decoding bug.
        for (int c = 0; c < channels; c++) Assert.Equal(expected[c], actual[c]);
        Assert.True(expected[0].Length > 1000 && expected[0].Any(v => v != 0), "the peer file holds a signal");
    }

    [PeerFact("ffmpeg")]
    public void Files_written_by_ffmpeg_in_every_coding_decode_to_ffmpegs_own_samples()
    {
        foreach (var format in Enum.GetValues<SampleFormat>()) FfmpegFileDecodes(FfmpegCoding(format).Codec, format);
    }

    private void FfmpegFileDecodes(string codec, SampleFormat format)
    {
        string path = _folder.File($"ff-{codec}.wav");
        var (exit, _, stderr) = PeerTools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
            "aevalsrc=0.8*sin(2*PI*440*t)|0.5*sin(2*PI*660*t):s=48000:d=0.25", "-c:a", codec, path);
        Assert.True(exit == 0, stderr);
        Assert.Equal(format, WavFile.Probe(path).Format);
        AssertSameSamples("ffmpeg", path, 2);
    }

    [PeerFact("ffmpeg")]
    public void An_ffmpeg_rf64_always_file_and_a_six_channel_ffmpeg_file_decode_to_ffmpegs_samples()
    {
        string rf64 = _folder.File("ff-rf64.wav");
        var (exit, _, stderr) = PeerTools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
            "aevalsrc=0.7*sin(2*PI*100*t)|0.6*sin(2*PI*200*t):s=48000:d=0.25", "-c:a", "pcm_s24le", "-rf64", "always", rf64);
        Assert.True(exit == 0, stderr);
        Assert.Equal("RF64", WavFile.Probe(rf64).Container);
        AssertSameSamples("ffmpeg", rf64, 2);

        string six = _folder.File("ff-6ch.wav");
        (exit, _, stderr) = PeerTools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
            "aevalsrc=0.1*sin(2*PI*100*t)|0.2*sin(2*PI*200*t)|0.3*sin(2*PI*300*t)|0.4*sin(2*PI*40*t)|0.5*sin(2*PI*500*t)|0.6*sin(2*PI*600*t):s=48000:d=0.25",
            "-ac", "6", "-c:a", "pcm_s24le", six);
        Assert.True(exit == 0, stderr);
        Assert.Equal(0x3Fu, WavFile.Probe(six).ChannelMask);
        AssertSameSamples("ffmpeg", six, 6);
    }

    [PeerFact("sox", "sndfile-info")]
    public void Multichannel_files_written_by_sox_decode_to_soxs_samples_with_the_mask_sox_wrote()
    {
        foreach (int channels in new[] { 6, 10 })
        {
            string path = _folder.File($"sox-{channels}.wav");
            var args = new List<string> { "-n", "-r", "48000", "-b", "24", "-c", channels.ToString(CultureInfo.InvariantCulture), path, "synth", "0.25" };
            for (int c = 0; c < channels; c++) args.AddRange(["sine", (300 + 110 * c).ToString(CultureInfo.InvariantCulture)]);
            args.AddRange(["vol", "0.5"]);
            var (exit, _, stderr) = PeerTools.Run("sox", [.. args]);
            Assert.True(exit == 0, stderr);
            var info = WavFile.Probe(path);
            Assert.Equal((channels, SampleFormat.Int24), (info.Channels, info.Format));
            Assert.Contains($"Channel Mask  : 0x{info.ChannelMask:X} ", PeerTools.Run("sndfile-info", path).StdOut);
            if (channels == 10) Assert.Equal(0u, info.ChannelMask); // SoX has no default layout past 6 channels (formats.md §8)
            AssertSameSamples("sox", path, channels);
        }
    }
}
