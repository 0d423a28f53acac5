using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// Reads a session file (docs/session-format.md) into a <see cref="MixSession"/>, checking everything before anything
/// is rendered: JSON syntax, unknown fields, types, values, media (existence, format, rate, channels, extent) and routing.
/// Every problem is collected with its JSON path and reported at once in a <see cref="SessionValidationException"/>.
/// Control side (CLI, server handlers); never on the audio thread. Thread-safe (no shared state).
/// </summary>
public static class SessionReader
{
    /// <summary>The session format version this reader understands (the <c>mixengine</c> field).</summary>
    public const int FormatVersion = 1;

    /// <summary>Sample rates a session may run at.</summary>
    public static readonly IReadOnlyList<int> SampleRates = [44100, 48000, 88200, 96000, 176400, 192000];

    /// <summary>Channel formats a track may have (multichannel buses are wider).</summary>
    public static readonly IReadOnlyList<ChannelLayout> TrackFormats =
        [ChannelLayout.Mono, ChannelLayout.Stereo, ChannelLayout.Lcr, ChannelLayout.Surround51, ChannelLayout.Surround71];

    /// <summary>The timecode rate names a session file may use (aliases: "23.98" = 23.976, "29.97" and "59.94" = non-drop).</summary>
    public static readonly IReadOnlyList<string> TimecodeRateNames =
        ["23.976", "23.98", "24", "25", "29.97DF", "29.97NDF", "29.97", "30", "48", "50", "59.94DF", "59.94NDF", "59.94", "60"];

    private static readonly string[] RootFields =
        ["mixengine", "name", "sampleRate", "timecode", "end", "tracks", "buses", "vcas", "outputs", "automation", "markers", "layouts"];
    private static readonly string[] TimecodeFields = ["rate", "start"];
    private static readonly string[] TrackFields = ["id", "name", "stem", "format", "output", "strip", "sends", "clips"];
    private static readonly string[] BusFields = ["id", "name", "format", "output", "strip", "sends"];
    private static readonly string[] VcaFields = ["id", "name", "fader", "mute", "members"];
    private static readonly string[] OutputFields = ["bus", "file", "sampleFormat", "layout", "dither"];
    private static readonly string[] SampleFormatNames = ["int16", "int24", "int32", "float32", "float64"];
    private static readonly string[] LayoutNames = ["interleaved", "multiMono"];

    /// <summary>
    /// Reads and checks the session file at <paramref name="path"/>; media paths resolve against its folder. Uses
    /// <paramref name="probe"/> (default: the WAV/BWF/RF64 probe) to check media. Throws <see cref="SessionValidationException"/>
    /// listing every problem, or <see cref="IOException"/> when the session file itself cannot be read.
    /// </summary>
    public static MixSession Load(string path, IMediaProbe? probe = null)
    {
        string full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = ReadFileBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SessionValidationException(full, [new SessionProblem("$", $"cannot read the session file: {e.Message}", full)]);
        }
        return ParseUtf8(bytes, Path.GetDirectoryName(full) ?? ".", full, probe, fileBytes: true);
    }

    // The file's bytes, read into an array the collector does not clear first (every byte is overwritten by the read;
    // a dense session is tens of megabytes); a file of 4 MB or more goes into a pinned array whose whole 2 MB pages are
    // asked for in huge pages before the read first writes them (HugePageAdvice: a fault per 2 MB instead of per 4 kB).
    private static byte[] ReadFileBytes(string path)
    {
        using var file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        if (length > Array.MaxLength) throw new IOException($"the file is {length} bytes, more than a session can hold");
        bool large = length >= 2 * HugePageAdvice.HugePageBytes;
        var bytes = GC.AllocateUninitializedArray<byte>((int)length, pinned: large);
        if (large) HugePageAdvice.AdvisePinned(bytes);
        int done = 0;
        while (done < bytes.Length)
        {
            int read = RandomAccess.Read(file, bytes.AsSpan(done), done);
            if (read == 0) throw new IOException($"the file ended at byte {done} of {length} while it was read (changed meanwhile?)");
            done += read;
        }
        return bytes;
    }

    /// <summary>
    /// Reads and checks session JSON text; <paramref name="baseDirectory"/> is the folder media paths resolve against and
    /// <paramref name="sourceName"/> names the input in messages. Throws <see cref="SessionValidationException"/> listing every problem.
    /// </summary>
    public static MixSession Parse(string json, string baseDirectory, string sourceName, IMediaProbe? probe = null)
        => ParseUtf8(Encoding.UTF8.GetBytes(json), baseDirectory, sourceName, probe);

    // A session file's text as UTF-8 bytes: the file's own bytes when they are UTF-8 (without its byte-order mark), so a
    // large session is not decoded into a string and encoded back; otherwise the text as File.ReadAllText reads it
    // (byte-order marks of other encodings honoured, invalid bytes replaced), encoded.
    private static byte[] Utf8Text(byte[] bytes)
    {
        bool mark = HasUtf8Mark(bytes);
        if (Utf8.IsValid(bytes.AsSpan(mark ? 3 : 0))) return mark ? bytes[3..] : bytes;
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd());
    }

    private static bool HasUtf8Mark(byte[] bytes) => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    // Parse on the UTF-8 text. `fileBytes`: json is a file's bytes as read, not yet known to be UTF-8 (see Utf8Text). The lift
    // needs no check of the whole text: a lifted array holds ASCII alone (a plain point's tokens; the token reader's
    // accepted fields and shapes are ASCII names), and the reduced text is the original without those arrays' content,
    // so the original is valid UTF-8 exactly when the reduced text is, which is checked instead (a dense session's
    // points are nearly all of its bytes). Otherwise the text is made UTF-8 first, as before.
    private static MixSession ParseUtf8(byte[] json, string baseDirectory, string sourceName, IMediaProbe? probe, bool fileBytes = false)
    {
        if (fileBytes && HasUtf8Mark(json))
        {
            json = Utf8Text(json);
            fileBytes = false;
        }
        if (LiftedPoints.TryLift(json, out byte[] reduced, out var lifted) && (!fileBytes || Utf8.IsValid(reduced))
            && TryReadLifted(reduced, lifted, baseDirectory, probe) is { } fast)
            return fast;
        if (fileBytes) json = Utf8Text(json);
        var problems = new SessionProblemList();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line
                ? $"line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line"
                : "an unknown position";
            throw new SessionValidationException(sourceName,
                [new SessionProblem("$", $"JSON syntax error at {where}: {FirstSentence(e.Message)}; expected strict JSON (no comments, no trailing commas)", sourceName)]);
        }
        using (document)
        {
            var session = Read(document.RootElement, Path.GetFullPath(baseDirectory), probe ?? DefaultProbe, problems, null);
            if (problems.Count > 0) throw new SessionValidationException(sourceName, problems.All);
            return session!;
        }
    }

    // The session read from the text with its dense point arrays lifted out (LiftedPoints), or null when that reading
    // found anything to report: the original text is then read as a whole, which names every problem.
    private static MixSession? TryReadLifted(byte[] reduced, LiftedPoints lifted, string baseDirectory, IMediaProbe? probe)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(reduced, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var problems = new SessionProblemList();
            var session = Read(document.RootElement, Path.GetFullPath(baseDirectory), probe ?? DefaultProbe, problems, lifted);
            return problems.Count == 0 && !lifted.Rejected ? session : null;
        }
    }

    /// <summary>The probe used when the caller passes none: WAV, BWF, RF64 and BW64 headers.</summary>
    public static IMediaProbe DefaultProbe => WavMediaProbe.Instance;

    private static MixSession? Read(JsonElement root, string baseDirectory, IMediaProbe probe, SessionProblemList problems, LiftedPoints? lifted)
    {
        if (!JsonObjectReader.TryOpen(root, "$", problems, "a session", RootFields, out var r)) return null;
        if (r.Required("mixengine", $"the format version, {FormatVersion}") is { } version
            && (!JsonObjectReader.TryGetWhole(version, out long v) || v != FormatVersion))
            r.Problem("mixengine", $"unsupported format version {version.GetRawText()}; expected {FormatVersion}");
        string name = r.String("name", required: true, "the session name (non-empty string)") ?? "";
        int? sampleRate = ReadSampleRate(r);
        var (rate, start) = ReadTimecode(r, problems);
        var timeline = new SessionTimeline(sampleRate, rate, start);
        long? end = r.Get("end") is { } e ? timeline.ReadPosition(e, r.PathOf("end"), problems, "end") : null;
        if (end == 0) r.Problem("end", "end is the session start; expected a position after the start");

        var draft = new SessionDraft();
        var clips = new ClipReader(baseDirectory, probe, timeline, problems);
        foreach (var (item, path) in r.Array("tracks", required: true, "tracks"))
            if (ReadTrack(item, path, clips, draft, problems) is { } t) draft.Tracks.Add(t);
        foreach (var (item, path) in r.Array("buses", required: true, "buses"))
            if (ReadBus(item, path, draft, problems) is { } b) draft.Buses.Add(b);
        foreach (var (item, path) in r.Array("vcas", required: false, "VCAs"))
            if (ReadVca(item, path, problems) is { } vca) draft.Vcas.Add(vca);
        foreach (var (item, path) in r.Array("outputs", required: true, "outputs"))
            if (ReadOutput(item, path, problems) is { } o) draft.Outputs.Add(o);
        SessionCrossCheck.Run(draft, problems);

        var session = new MixSession(name, sampleRate ?? 48000, rate ?? TimecodeRate.Fps24, start ?? default, end,
            draft.Tracks.Select(t => t.Track).ToList(), draft.Buses.Select(b => b.Bus).ToList(),
            draft.Vcas.Select(x => x.Vca).ToList(), draft.Outputs.Select(o => o.Output).ToList(), baseDirectory);
        var automation = AutomationReader.Read(r.Get("automation"), r.PathOf("automation"), timeline, ParameterCatalog.For(session), problems, lifted);
        var layouts = SurfaceLayoutReader.Read(r.Get("layouts"), r.PathOf("layouts"), session, problems);
        return session with { Automation = automation, Markers = MarkerReader.Read(r, timeline, problems), Layouts = layouts };
    }

    private static int? ReadSampleRate(JsonObjectReader r)
    {
        string expected = $"one of {string.Join(", ", SampleRates)} Hz";
        if (r.Required("sampleRate", $"the session sample rate, {expected}") is not { } v) return null;
        if (JsonObjectReader.TryGetWhole(v, out long sr) && sr <= int.MaxValue && SampleRates.Contains((int)sr)) return (int)sr;
        string found = v.ValueKind == JsonValueKind.Number ? v.GetRawText() : JsonObjectReader.Describe(v);
        r.Problem("sampleRate", $"unsupported sample rate {found}; expected {expected}");
        return null;
    }

    private static (TimecodeRate? Rate, Timecode? Start) ReadTimecode(JsonObjectReader root, SessionProblemList problems)
    {
        if (root.Required("timecode", "an object with 'rate' and 'start'") is not { } element) return (null, null);
        if (!JsonObjectReader.TryOpen(element, root.PathOf("timecode"), problems, "the timecode settings", TimecodeFields, out var t))
            return (null, null);
        TimecodeRate? rate = null;
        if (t.Choice("rate", required: true, TimecodeRateNames, "timecode rate") is { } name && TimecodeRate.TryParse(name, out var parsed))
            rate = parsed;
        if (rate is null) return (null, null);
        if (t.String("start", required: false, "a timecode label hh:mm:ss:ff") is not { } label)
            return (rate, t.Get("start") is null ? new Timecode(0, 0, 0, 0, rate) : null);
        if (SessionTimeline.TryReadLabel(label, rate, out var start, out string error)) return (rate, start);
        t.Problem("start", $"bad timecode: {error}");
        return (rate, null);
    }

    private static LocatedTrack? ReadTrack(JsonElement item, string path, ClipReader clips, SessionDraft draft, SessionProblemList problems)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "a track", TrackFields, out var r)) return null;
        string id = SessionNames.ReadId(r);
        string name = SessionNames.ReadName(r, "track");
        string stem = SessionNames.ReadStem(r);
        var format = ReadFormat(r, TrackFormats, "track format");
        string output = r.String("output", required: true, "the id of the bus the track feeds") ?? "";
        var strip = StripReader.Read(r, problems);
        var (sends, sendPaths) = StripReader.ReadSends(r, problems);
        var trackClips = clips.ReadClips(r, format);
        if (format is null) draft.UnknownFormats.Add(id);
        return new LocatedTrack(new Track(id, name, stem, format ?? ChannelLayout.Mono, trackClips, strip, output, sends), path, sendPaths);
    }

    private static LocatedBus? ReadBus(JsonElement item, string path, SessionDraft draft, SessionProblemList problems)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "a bus", BusFields, out var r)) return null;
        string id = SessionNames.ReadId(r);
        string name = SessionNames.ReadName(r, "bus");
        var format = ReadFormat(r, ChannelLayout.All, "bus format");
        string? output = null;
        if (r.Get("output") is { ValueKind: not JsonValueKind.Null })
            output = r.String("output", required: false, "the id of the bus this bus feeds, or null");
        var strip = StripReader.Read(r, problems);
        var (sends, sendPaths) = StripReader.ReadSends(r, problems);
        if (format is null) draft.UnknownFormats.Add(id);
        return new LocatedBus(new Bus(id, name, format ?? ChannelLayout.Mono, strip, output, sends), path, sendPaths);
    }

    private static LocatedVca? ReadVca(JsonElement item, string path, SessionProblemList problems)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "a VCA", VcaFields, out var r)) return null;
        string id = SessionNames.ReadId(r);
        string name = SessionNames.ReadName(r, "VCA");
        double fader = r.Decibels("fader", 0, StripReader.MaxLevelDb);
        bool mute = r.Bool("mute", false);
        var members = new List<string>();
        var memberPaths = new List<string>();
        foreach (var (m, mPath) in r.Array("members", required: true, "track or bus ids"))
        {
            if (m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } memberId)
            {
                members.Add(memberId);
                memberPaths.Add(mPath);
            }
            else problems.Add(mPath, $"expected a track or bus id (non-empty string), found {JsonObjectReader.Describe(m)}");
        }
        return new LocatedVca(new Vca(id, name, fader, mute, members), path, memberPaths);
    }

    private static LocatedOutput? ReadOutput(JsonElement item, string path, SessionProblemList problems)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "an output", OutputFields, out var r)) return null;
        string bus = r.String("bus", required: true, "the id of the bus to print") ?? "";
        string file = r.String("file", required: true, "the print file name, relative to the render's output folder") ?? "";
        if (file.Length > 0) SessionNames.CheckPrintFile(r, file);
        var format = r.Choice("sampleFormat", required: false, SampleFormatNames, "sample format") switch
        {
            "int16" => SampleFormat.Int16,
            "int32" => SampleFormat.Int32,
            "float32" => SampleFormat.Float32,
            "float64" => SampleFormat.Float64,
            _ => SampleFormat.Int24,
        };
        var layout = r.Choice("layout", required: false, LayoutNames, "print layout") == "multiMono"
            ? PrintLayout.MultiMono
            : PrintLayout.Interleaved;
        return new LocatedOutput(new PrintOutput(bus, file, format, layout, r.Bool("dither", true)), path);
    }

    private static ChannelLayout? ReadFormat(JsonObjectReader r, IReadOnlyList<ChannelLayout> allowed, string what)
    {
        var names = allowed.Select(l => l.Name).ToArray();
        string? name = r.Choice("format", required: true, names, what);
        return name is null ? null : allowed.First(l => l.Name == name);
    }

    private static string FirstSentence(string message)
    {
        foreach (string marker in new[] { " LineNumber:", " Path:" })
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }
}
