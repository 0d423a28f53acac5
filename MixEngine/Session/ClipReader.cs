using System.Text.Json;
using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// Reads the clips of one track and checks them against their media (probed once per file): existence, format, sample
/// rate, channels, and that the played region and fades fit. Every problem is recorded with its JSON path and file.
/// Control side, one thread.
/// </summary>
internal sealed class ClipReader(
    string baseDirectory, IMediaProbe probe, SessionTimeline timeline, SessionProblemList problems)
{
    /// <summary>Highest clip gain in dB.</summary>
    public const double MaxClipGainDb = 24;

    private static readonly string[] ClipFields =
        ["name", "media", "channels", "position", "sourceOffset", "length", "fadeIn", "fadeOut", "gain"];
    private static readonly string[] FadeFields = ["length", "shape"];
    private static readonly string[] Shapes = ["linear", "equalPower", "sCurve"];

    private readonly Dictionary<string, (MediaInfo? Info, string? Error)> _probed = new(StringComparer.Ordinal);

    /// <summary>Reads the optional <c>clips</c> array of a track whose format is <paramref name="trackFormat"/> (null when invalid).</summary>
    public List<Clip> ReadClips(JsonObjectReader track, ChannelLayout? trackFormat)
    {
        var clips = new List<Clip>();
        foreach (var (item, path) in track.Array("clips", required: false, "clips"))
        {
            if (JsonObjectReader.TryOpen(item, path, problems, "a clip", ClipFields, out var c))
                clips.Add(ReadClip(c, trackFormat));
        }
        return clips;
    }

    private Clip ReadClip(JsonObjectReader c, ChannelLayout? trackFormat)
    {
        string? name = c.String("name", required: false, "a clip name (non-empty string)");
        string? media = c.String("media", required: true, "the media file path, relative to the session file");
        var channels = ReadChannels(c);
        long? position = c.Required("position", "a timecode string or whole samples from the session start") is { } p
            ? timeline.ReadPosition(p, c.PathOf("position"), problems, "position")
            : null;
        long offset = c.Integer("sourceOffset", 0, "sourceOffset (first media frame played)") ?? 0;
        long? length = c.Integer("length", 1, "length (frames played)");
        var fadeIn = ReadFade(c, "fadeIn");
        var fadeOut = ReadFade(c, "fadeOut");
        double gain = c.Decibels("gain", 0, MaxClipGainDb);

        if (media is not null)
        {
            var info = ProbeMedia(c, media);
            if (info is not null)
            {
                channels = CheckChannels(c, info, channels, trackFormat);
                length = CheckExtent(c, info, offset, length);
            }
        }
        if (length is { } len) CheckFades(c, fadeIn, fadeOut, len);
        return new Clip(media ?? "", channels ?? [], position ?? 0, offset, length ?? 0, fadeIn, fadeOut, gain, name);
    }

    private List<int>? ReadChannels(JsonObjectReader c)
    {
        if (c.Get("channels") is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
        {
            c.Problem("channels", $"expected a non-empty array of 1-based media channel numbers (one per track channel), found {JsonObjectReader.Describe(v)}");
            return null;
        }
        var list = new List<int>();
        bool ok = true;
        foreach (var (item, path) in c.Array("channels", required: false, "media channel numbers"))
        {
            long? n = JsonObjectReader.ReadInteger(item, path, 1, "a 1-based media channel number", problems);
            if (n is > int.MaxValue) problems.Add(path, $"media channel {n} does not exist; expected a 1-based media channel number");
            if (n is { } k && k <= int.MaxValue) list.Add((int)k);
            else ok = false;
        }
        return ok ? list : null;
    }

    private Fade ReadFade(JsonObjectReader c, string field)
    {
        if (c.Get(field) is not { } v) return Fade.None;
        if (!JsonObjectReader.TryOpen(v, c.PathOf(field), problems, "a fade", FadeFields, out var f)) return Fade.None;
        long length = f.Required("length", "the fade length in samples") is not null
            ? f.Integer("length", 0, "the fade length in samples") ?? 0
            : 0;
        var shape = f.Choice("shape", required: false, Shapes, "fade shape") switch
        {
            "equalPower" => FadeShape.EqualPower,
            "sCurve" => FadeShape.SCurve,
            _ => FadeShape.Linear,
        };
        return new Fade(length, shape);
    }

    private MediaInfo? ProbeMedia(JsonObjectReader c, string media)
    {
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(baseDirectory, media));
        }
        catch (ArgumentException e)
        {
            c.Problem("media", $"'{media}' is not a valid path ({e.Message}); expected a media file path relative to the session file");
            return null;
        }
        if (!_probed.TryGetValue(full, out var result))
        {
            result = Probe(full);
            _probed[full] = result;
        }
        if (result.Error is not null)
        {
            c.Problem("media", result.Error, full);
            return null;
        }
        var info = result.Info!;
        if (timeline.SampleRate is { } sr && info.SampleRate != sr)
        {
            c.Problem("media", $"media sample rate is {info.SampleRate} Hz but the session runs at {sr} Hz; convert the media to {sr} Hz (the engine does not resample)", full);
        }
        return info;
    }

    private (MediaInfo? Info, string? Error) Probe(string full)
    {
        try
        {
            return (probe.Probe(full), null);
        }
        catch (FileNotFoundException)
        {
            return (null, "media file not found; expected a WAV, BWF or RF64 file at this path (relative paths start at the session file's folder)");
        }
        catch (DirectoryNotFoundException)
        {
            return (null, "media file not found (its folder does not exist); expected a WAV, BWF or RF64 file at this path");
        }
        catch (MediaFormatException e)
        {
            return (null, $"media file is malformed or unsupported: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"media file cannot be read: {e.Message}");
        }
    }

    private List<int>? CheckChannels(JsonObjectReader c, MediaInfo info, List<int>? channels, ChannelLayout? trackFormat)
    {
        if (channels is null)
        {
            if (c.Get("channels") is not null || trackFormat is null) return null;
            if (info.Channels == trackFormat.ChannelCount) return Enumerable.Range(1, info.Channels).ToList();
            c.Problem("channels",
                $"the media has {info.Channels} channel(s) but the track is {trackFormat.Name} ({trackFormat.ChannelCount} channel(s)); " +
                $"give 'channels': one 1-based media channel per track channel, e.g. [{string.Join(", ", Enumerable.Range(1, trackFormat.ChannelCount).Select(i => Math.Min(i, info.Channels)))}]",
                info.Path);
            return null;
        }
        bool ok = true;
        for (int k = 0; k < channels.Count; k++)
        {
            if (channels[k] > info.Channels)
            {
                problems.Add($"{c.PathOf("channels")}[{k}]",
                    $"media channel {channels[k]} does not exist: the media has {info.Channels} channel(s) (1-{info.Channels})", info.Path);
                ok = false;
            }
        }
        if (trackFormat is not null && channels.Count != trackFormat.ChannelCount)
        {
            c.Problem("channels",
                $"{channels.Count} channel(s) given but the track is {trackFormat.Name}; expected exactly {trackFormat.ChannelCount} media channel number(s), one per track channel",
                info.Path);
            ok = false;
        }
        return ok ? channels : null;
    }

    private long? CheckExtent(JsonObjectReader c, MediaInfo info, long offset, long? length)
    {
        if (offset >= info.Frames)
        {
            c.Problem("sourceOffset", $"sourceOffset {offset} is at or past the end of the media ({info.Frames} frames); expected less than {info.Frames}", info.Path);
            return null;
        }
        if (length is not { } len) return info.Frames - offset;
        if (offset + len > info.Frames)
        {
            c.Problem("length",
                $"clip runs past the end of its media: sourceOffset {offset} + length {len} = {offset + len} > {info.Frames} frames in the media; expected length <= {info.Frames - offset}",
                info.Path);
            return null;
        }
        return len;
    }

    private void CheckFades(JsonObjectReader c, Fade fadeIn, Fade fadeOut, long length)
    {
        if (fadeIn.Length > length)
            problems.Add($"{c.PathOf("fadeIn")}.length", $"fade-in of {fadeIn.Length} samples is longer than the clip ({length} samples)");
        if (fadeOut.Length > length)
            problems.Add($"{c.PathOf("fadeOut")}.length", $"fade-out of {fadeOut.Length} samples is longer than the clip ({length} samples)");
        if (fadeIn.Length <= length && fadeOut.Length <= length && fadeIn.Length + fadeOut.Length > length)
            problems.Add($"{c.PathOf("fadeOut")}.length",
                $"fade-in ({fadeIn.Length}) + fade-out ({fadeOut.Length}) = {fadeIn.Length + fadeOut.Length} samples is longer than the clip ({length} samples); fades may not overlap");
    }
}
