using System.Buffers.Binary;
using System.Text.Json;
using MixEngine.Files;
using MixEngine.Server.Cli;
using MixEngine.Server.Demo;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

/// <summary>Runs <c>mixengine demo</c> once (8 s) and keeps its prints and render report for the peer checks.</summary>
public sealed class DemoPrintsFixture : IDisposable
{
    /// <summary>Demo length: short for speed, long enough for every sound.</summary>
    public const int Seconds = 8;

    /// <summary>Runs the demo verb into a temporary folder.</summary>
    public DemoPrintsFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mixengine-demo-peer-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var error = new StringWriter();
        Exit = CommandLineApp.Run(["demo", "--out", Directory, "--seconds", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Terminal.Plain(output, error));
        Output = output + error.ToString();
        string report = Path.Combine(Directory, "prints", "render-report.json");
        Report = File.Exists(report) ? JsonDocument.Parse(File.ReadAllText(report)) : null;
    }

    /// <summary>The demo folder.</summary>
    public string Directory { get; }

    /// <summary>The verb's exit code.</summary>
    public int Exit { get; }

    /// <summary>Everything the verb wrote (for failure messages).</summary>
    public string Output { get; }

    /// <summary>The parsed render-report.json, or null when it was not written.</summary>
    public JsonDocument? Report { get; }

    /// <summary>The report's entry for every print (each demo print is one interleaved file).</summary>
    public IReadOnlyList<JsonElement> Files
    {
        get
        {
            Assert.True(Exit == 0 && Report is not null, $"mixengine demo failed ({Exit}):\n{Output}");
            return Report!.RootElement.GetProperty("prints").EnumerateArray().ToList();
        }
    }

    /// <summary>Full path of a report entry's (single) file.</summary>
    public string PathOf(JsonElement print)
    {
        string path = print.GetProperty("paths").EnumerateArray().Single().GetString()!;
        return Path.IsPathRooted(path) ? path : Path.Combine(Directory, "prints", path);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Report?.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// Peer check of the demo's prints (issue item 8(d)): ffprobe and SoX read every file and agree with our render report on
/// channels, sample rate, bit depth, frames, channel layout and BWF time reference.
/// </summary>
public sealed class DemoPrintPeerTests(DemoPrintsFixture demo) : IClassFixture<DemoPrintsFixture>
{
    // 01:00:00:00 at 23.976 = 86,400 frames × 48,000 × 1001 / 24,000 samples since midnight (formats.md §0.5).
    private const long OneHourAt23976 = 172_972_800;

    [PeerFact("ffprobe", "soxi")]
    public void Demo_prints_a_printmaster_and_three_stems_as_24_bit_7_1_2()
    {
        var names = demo.Files.Select(f => Path.GetFileName(demo.PathOf(f))).Order().ToArray();
        Assert.Equal(new[] { "DX_712.wav", "FX_712.wav", "MX_712.wav", DemoSession.PrintmasterFile }.Order(), names);
        Assert.All(demo.Files, f =>
        {
            Assert.Equal("7.1.2", f.GetProperty("layout").GetString());
            Assert.Equal("int24", f.GetProperty("sampleFormat").GetString());
            Assert.Equal("interleaved", f.GetProperty("fileLayout").GetString());
        });
    }

    [PeerFact("ffprobe", "soxi")]
    public void Ffprobe_and_soxi_agree_with_the_report_on_channels_rate_bit_depth_and_frames()
    {
        foreach (var file in demo.Files)
        {
            string path = demo.PathOf(file);
            int channels = file.GetProperty("channels").GetInt32();
            long frames = file.GetProperty("frames").GetInt64();
            Assert.Equal(10, channels);
            Assert.Equal((long)DemoPrintsFixture.Seconds * DemoMedia.SampleRate, frames);

            var stream = Ffprobe(path).GetProperty("streams")[0];
            Assert.Equal(channels, stream.GetProperty("channels").GetInt32());
            Assert.Equal(DemoMedia.SampleRate, file.GetProperty("sampleRate").GetInt32());
            Assert.Equal("48000", stream.GetProperty("sample_rate").GetString());
            Assert.Equal(24, stream.GetProperty("bits_per_sample").GetInt32());
            Assert.Equal("pcm_s24le", stream.GetProperty("codec_name").GetString());
            Assert.Equal(frames, stream.GetProperty("duration_ts").GetInt64());

            Assert.Equal(channels.ToString(System.Globalization.CultureInfo.InvariantCulture), Soxi("-c", path));
            Assert.Equal("48000", Soxi("-r", path));
            Assert.Equal("24", Soxi("-b", path));
            Assert.Equal(frames.ToString(System.Globalization.CultureInfo.InvariantCulture), Soxi("-s", path));
        }
    }

    [PeerFact("ffprobe", "soxi")]
    public void Every_print_carries_the_7_1_2_mask_0x563F_in_its_fmt_chunk_and_ffprobe_names_those_ten_speakers()
    {
        foreach (var file in demo.Files)
        {
            string path = demo.PathOf(file);
            Assert.Equal(ChannelLayout.Atmos712.ChannelMask, ReadChannelMask(path));
            string layout = Ffprobe(path).GetProperty("streams")[0].GetProperty("channel_layout").GetString()!;
            // ffmpeg 5.1 has no name for mask 0x563F and lists the speakers; newer releases call it 7.1.2.
            Assert.Contains(layout, new[] { "10 channels (FL+FR+FC+LFE+BL+BR+SL+SR+TFL+TFR)", "7.1.2" });
        }
    }

    [PeerFact("ffprobe", "soxi")]
    public void Every_print_is_stamped_with_time_reference_172972800_for_01_00_00_00_at_23_976()
    {
        foreach (var file in demo.Files)
        {
            Assert.Equal(OneHourAt23976, file.GetProperty("timeReference").GetInt64());
            var tags = Ffprobe(demo.PathOf(file)).GetProperty("format").GetProperty("tags");
            Assert.Equal(OneHourAt23976.ToString(System.Globalization.CultureInfo.InvariantCulture), tags.GetProperty("time_reference").GetString());
        }
    }

    private static JsonElement Ffprobe(string path)
    {
        var (exit, stdout, stderr) = PeerTools.Run("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", path);
        Assert.True(exit == 0, $"ffprobe {path}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    private static string Soxi(string option, string path)
    {
        var (exit, stdout, stderr) = PeerTools.Run("soxi", option, path);
        Assert.True(exit == 0, $"soxi {option} {path}: {stderr}");
        return stdout.Trim();
    }

    // Walks the RIFF/RF64 chunks to the fmt chunk and returns dwChannelMask (byte 20 of a WAVE_FORMAT_EXTENSIBLE body).
    private static uint ReadChannelMask(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        long offset = 12;
        Span<byte> chunk = stackalloc byte[8];
        while (offset + 8 <= stream.Length)
        {
            stream.Position = offset;
            stream.ReadExactly(chunk);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                var body = new byte[size];
                stream.ReadExactly(body);
                Assert.True(BinaryPrimitives.ReadUInt16LittleEndian(body) == 0xFFFE, $"{path}: fmt at byte {offset} is not WAVE_FORMAT_EXTENSIBLE");
                return BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(20));
            }
            offset += 8 + size + (size & 1);
        }
        throw new Xunit.Sdk.XunitException($"{path}: no fmt chunk");
    }
}
