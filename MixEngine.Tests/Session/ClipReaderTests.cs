using System.Text.Json.Nodes;
using MixEngine.Files;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class ClipReaderTests
{
    private const string Dx1 = SessionFixture.BaseDirectory + "/media/dx1.wav";
    private const string Clip0 = "$.tracks[0].clips[0]";

    private static FakeMediaProbe ProbeWithDx1(Func<FakeMediaProbe, FakeMediaProbe> dx1) =>
        dx1(new FakeMediaProbe()
            .With($"{SessionFixture.BaseDirectory}/media/mx.wav", 2, 96_000)
            .With($"{SessionFixture.BaseDirectory}/media/fx51.wav", 6, 48_000));

    [Fact]
    public void Missing_media_file_is_reported_with_the_resolved_path()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document(), $"{Clip0}.media", ProbeWithDx1(f => f));
        Assert.Equal(Dx1, p.File);
        Assert.Equal("media file not found; expected a WAV, BWF or RF64 file at this path (relative paths start at the session file's folder)", p.Message);
    }

    [Fact]
    public void Unreadable_media_file_is_reported_with_the_reason()
    {
        var probe = ProbeWithDx1(f => f.Failing(Dx1, new UnauthorizedAccessException($"Access to the path '{Dx1}' is denied.")));
        var p = SessionFixture.SingleProblem(SessionFixture.Document(), $"{Clip0}.media", probe);
        Assert.Equal(Dx1, p.File);
        Assert.Equal($"media file cannot be read: Access to the path '{Dx1}' is denied.", p.Message);
    }

    [Fact]
    public void Malformed_media_is_reported_with_file_chunk_and_byte_offset()
    {
        var error = new MediaFormatException(Dx1, "fmt ", 20, "fmt chunk is 12 bytes; expected at least 16");
        var p = SessionFixture.SingleProblem(SessionFixture.Document(), $"{Clip0}.media", ProbeWithDx1(f => f.Failing(Dx1, error)));
        Assert.Equal($"media file is malformed or unsupported: {Dx1}: chunk 'fmt ', byte offset 20: fmt chunk is 12 bytes; expected at least 16", p.Message);
    }

    [Fact]
    public void Media_sample_rate_different_from_the_session_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document(), $"{Clip0}.media", ProbeWithDx1(f => f.With(Dx1, 1, 480_000, 44_100)));
        Assert.Equal(Dx1, p.File);
        Assert.Equal("media sample rate is 44100 Hz but the session runs at 48000 Hz; convert the media to 48000 Hz (the engine does not resample)", p.Message);
    }

    [Fact]
    public void Clip_running_past_the_end_of_its_media_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].length", 479_901);
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.length");
        // sourceOffset 100 + 479,901 = 480,001 frames, one past the 480,000 the media holds.
        Assert.Equal("clip runs past the end of its media: sourceOffset 100 + length 479901 = 480001 > 480000 frames in the media; expected length <= 479900", p.Message);
        Assert.Equal(Dx1, p.File);
    }

    [Fact]
    public void Clip_ending_exactly_at_the_end_of_its_media_is_accepted()
    {
        var s = SessionFixture.Parse(SessionFixture.Document().Set("tracks[0].clips[0].length", 479_900));
        Assert.Equal(479_900, s.Tracks[0].Clips[0].Length);
    }

    [Fact]
    public void Source_offset_past_the_end_of_the_media_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[1].clips[0].sourceOffset", 96_000);
        var p = SessionFixture.SingleProblem(doc, "$.tracks[1].clips[0].sourceOffset");
        Assert.Equal("sourceOffset 96000 is at or past the end of the media (96000 frames); expected less than 96000", p.Message);
    }

    [Fact]
    public void Default_length_is_the_rest_of_the_media_after_the_source_offset()
    {
        var s = SessionFixture.Parse(SessionFixture.Document().Without("tracks[0].clips[0].length"));
        Assert.Equal(480_000 - 100, s.Tracks[0].Clips[0].Length);
    }

    [Fact]
    public void Channel_number_beyond_the_media_channels_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].channels", new JsonArray(2));
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.channels[0]");
        Assert.Equal("media channel 2 does not exist: the media has 1 channel(s) (1-1)", p.Message);
    }

    [Fact]
    public void Channel_count_not_matching_the_track_format_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[1].clips[0].channels", new JsonArray(1));
        var p = SessionFixture.SingleProblem(doc, "$.tracks[1].clips[0].channels");
        Assert.Equal("1 channel(s) given but the track is stereo; expected exactly 2 media channel number(s), one per track channel", p.Message);
    }

    [Fact]
    public void Media_with_another_channel_count_and_no_channels_field_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[1].format", "mono");
        var p = SessionFixture.SingleProblem(doc, "$.tracks[1].clips[0].channels");
        Assert.Equal("the media has 2 channel(s) but the track is mono (1 channel(s)); give 'channels': one 1-based media channel per track channel, e.g. [1]", p.Message);
    }

    [Fact]
    public void Channel_zero_is_reported_as_not_one_based()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].channels", new JsonArray(0));
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.channels[0]");
        Assert.Equal("0 is too small; expected a 1-based media channel number as a whole number >= 1", p.Message);
    }

    [Fact]
    public void Channel_number_too_large_for_any_file_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].channels", new JsonArray(5_000_000_000L));
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.channels[0]");
        Assert.Equal("media channel 5000000000 does not exist; expected a 1-based media channel number", p.Message);
    }

    [Fact]
    public void Media_path_that_is_not_a_path_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].media", "media/dx1\u0000.wav");
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.media");
        Assert.StartsWith("'media/dx1\0.wav' is not a valid path (", p.Message);
    }

    [Fact]
    public void Fade_longer_than_the_clip_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].fadeIn.length", 48_001);
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.fadeIn.length");
        Assert.Equal("fade-in of 48001 samples is longer than the clip (48000 samples)", p.Message);
    }

    [Fact]
    public void Fade_out_longer_than_the_clip_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].fadeOut.length", 50_000).Without("tracks[0].clips[0].fadeIn");
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.fadeOut.length");
        Assert.Equal("fade-out of 50000 samples is longer than the clip (48000 samples)", p.Message);
    }

    [Fact]
    public void Fade_in_plus_fade_out_longer_than_the_clip_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[0].clips[0].fadeIn.length", 30_000).Set("tracks[0].clips[0].fadeOut.length", 20_000);
        var p = SessionFixture.SingleProblem(doc, $"{Clip0}.fadeOut.length");
        Assert.Equal("fade-in (30000) + fade-out (20000) = 50000 samples is longer than the clip (48000 samples); fades may not overlap", p.Message);
    }

    [Fact]
    public void Each_media_file_is_probed_once_however_many_clips_use_it()
    {
        var doc = SessionFixture.Document();
        var clips = SessionFixture.At(doc, "tracks[0].clips").AsArray();
        clips.Add(JsonNode.Parse("""{ "media": "media/dx1.wav", "position": 500000 }"""));
        clips.Add(JsonNode.Parse("""{ "media": "./media/../media/dx1.wav", "position": 900000 }"""));
        var probe = SessionFixture.Probe();

        var s = SessionFixture.Parse(doc, probe);

        Assert.Equal(3, s.Tracks[0].Clips.Count);
        Assert.Single(probe.Probed, Dx1);
    }

    [Fact]
    public void Failed_probe_is_reported_for_every_clip_and_reading_continues()
    {
        var doc = SessionFixture.Document();
        SessionFixture.At(doc, "tracks[0].clips").AsArray().Add(JsonNode.Parse("""{ "media": "media/dx1.wav", "position": 500000 }"""));
        doc.Set("tracks[1].strip", JsonNode.Parse("""{ "fader": 40 }"""));

        var problems = SessionFixture.Problems(doc, ProbeWithDx1(f => f));

        Assert.Equal(["$.tracks[0].clips[0].media", "$.tracks[0].clips[1].media", "$.tracks[1].strip.fader"], problems.Select(p => p.JsonPath));
    }

    [Fact]
    public void Default_probe_reads_real_wav_headers_and_names_file_chunk_and_offset_of_a_malformed_one()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-media-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "media"));
            File.WriteAllBytes(Path.Combine(dir, "media", "ok.wav"), Wav(channels: 1, frames: 1000, fmtSize: 16));
            string bad = Path.Combine(dir, "media", "bad.wav");
            File.WriteAllBytes(bad, Wav(channels: 1, frames: 1000, fmtSize: 12));
            string json = """
                { "mixengine": 1, "name": "Real", "sampleRate": 48000, "timecode": { "rate": "24" },
                  "tracks": [ { "id": "t", "name": "T", "stem": "DX", "format": "mono", "output": "b",
                                "clips": [ { "media": "media/ok.wav", "position": 0 }, { "media": "media/bad.wav", "position": 2000 } ] } ],
                  "buses": [ { "id": "b", "name": "B", "format": "stereo" } ],
                  "outputs": [ { "bus": "b", "file": "B.wav" } ] }
                """;
            string path = Path.Combine(dir, "real.session.json");
            File.WriteAllText(path, json);

            var e = Assert.Throws<SessionValidationException>(() => SessionReader.Load(path));

            var p = Assert.Single(e.Problems);
            Assert.Equal(("$.tracks[0].clips[1].media", bad), (p.JsonPath, p.File));
            Assert.StartsWith($"media file is malformed or unsupported: {bad}: chunk 'fmt ', byte offset ", p.Message);
            File.WriteAllBytes(bad, Wav(channels: 1, frames: 500, fmtSize: 16));
            var s = SessionReader.Load(path);
            Assert.Equal([1000L, 500L], s.Tracks[0].Clips.Select(c => c.Length));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A 16-bit PCM WAV at 48 kHz of silence; <paramref name="fmtSize"/> below 16 makes a malformed fmt chunk.</summary>
    private static byte[] Wav(int channels, int frames, int fmtSize)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        int dataBytes = frames * channels * 2;
        w.Write("RIFF"u8);
        w.Write(4 + 8 + fmtSize + 8 + dataBytes);
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(fmtSize);
        var fmt = new byte[Math.Max(fmtSize, 16)];
        BitConverter.TryWriteBytes(fmt.AsSpan(0), (short)1);
        BitConverter.TryWriteBytes(fmt.AsSpan(2), (short)channels);
        BitConverter.TryWriteBytes(fmt.AsSpan(4), 48000);
        BitConverter.TryWriteBytes(fmt.AsSpan(8), 48000 * channels * 2);
        BitConverter.TryWriteBytes(fmt.AsSpan(12), (short)(channels * 2));
        BitConverter.TryWriteBytes(fmt.AsSpan(14), (short)16);
        w.Write(fmt, 0, fmtSize);
        w.Write("data"u8);
        w.Write(dataBytes);
        w.Write(new byte[dataBytes]);
        return stream.ToArray();
    }
}
