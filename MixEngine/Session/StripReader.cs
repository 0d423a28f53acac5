using System.Text.Json;
using MixEngine.Dsp;

namespace MixEngine.Session;

/// <summary>
/// Reads the <c>strip</c> object (trim, polarity, fader, mute, solo, soloSafe, pan with its x, y, z, width, lfe,
/// divergence, rotation, height and law; order, eq and dyn through <see cref="ProcessingReader"/>) and the <c>sends</c> array of a
/// track or bus, recording every problem with its JSON path. Field names are the parameter address segments.
/// Control side, one thread.
/// </summary>
internal static class StripReader
{
    /// <summary>Highest fader, send and VCA level in dB.</summary>
    public const double MaxLevelDb = 12;

    /// <summary>Input trim range in dB (±).</summary>
    public const double TrimRangeDb = 24;

    private static readonly string[] StripFields =
        ["trim", "polarity", "fader", "mute", "solo", "soloSafe", "pan", .. ProcessingReader.StripFields];
    private static readonly string[] PanFields = ["x", "y", "z", "width", "lfe", "divergence", "rotation", "height", "law"];
    private static readonly string[] SendFields = ["bus", "level", "tap", "mute"];
    private static readonly string[] Taps = ["pre", "post"];

    /// <summary>Reads the optional <c>strip</c> field of <paramref name="owner"/>; defaults for anything absent or wrong.</summary>
    public static Strip Read(JsonObjectReader owner, SessionProblemList problems)
    {
        if (owner.Get("strip") is not { } element) return Strip.Default;
        if (!JsonObjectReader.TryOpen(element, owner.PathOf("strip"), problems, "a strip", StripFields, out var s))
            return Strip.Default;
        var d = Strip.Default;
        return new Strip(
            s.Decibels("trim", d.TrimDb, TrimRangeDb, -TrimRangeDb),
            s.Bool("polarity", d.Polarity),
            s.Decibels("fader", d.FaderDb, MaxLevelDb),
            s.Bool("mute", d.Mute),
            s.Bool("solo", d.Solo),
            s.Bool("soloSafe", d.SoloSafe),
            ReadPan(s, problems)) { Processing = ProcessingReader.Read(s, problems) };
    }

    /// <summary>Reads the optional <c>sends</c> array of <paramref name="owner"/>, returning each send with its JSON path.</summary>
    public static (List<Send> Sends, List<string> Paths) ReadSends(JsonObjectReader owner, SessionProblemList problems)
    {
        var sends = new List<Send>();
        var paths = new List<string>();
        foreach (var (item, path) in owner.Array("sends", required: false, "sends"))
        {
            if (!JsonObjectReader.TryOpen(item, path, problems, "a send", SendFields, out var r)) continue;
            string bus = r.String("bus", required: true, "the id of the destination bus") ?? "";
            double level = r.Decibels("level", 0, MaxLevelDb);
            var tap = r.Choice("tap", required: false, Taps, "send tap") == "pre" ? SendTap.PreFader : SendTap.PostFader;
            sends.Add(new Send(bus, level, tap, r.Bool("mute", false)));
            paths.Add(path);
        }
        return (sends, paths);
    }

    private static Pan ReadPan(JsonObjectReader strip, SessionProblemList problems)
    {
        var d = Pan.Default;
        if (strip.Get("pan") is not { } element) return d;
        if (!JsonObjectReader.TryOpen(element, strip.PathOf("pan"), problems, "a pan", PanFields, out var p)) return d;
        return new Pan(
            p.Number("x", d.X, -1, 1, " (-1 left, +1 right)"),
            p.Number("y", d.Y, -1, 1, " (-1 back, +1 front)"),
            p.Number("z", d.Z, 0, 1, " (0 ear level, 1 top)"),
            p.Number("width", d.Width, 0, 1, " (0 both channels at the position, 1 full width)"),
            p.Decibels("lfe", d.LfeDb, MaxLevelDb))
        {
            Divergence = p.Number("divergence", d.Divergence, 0, 1, " (0 a point source, 1 as large as the room)"),
            Rotation = p.Number("rotation", d.Rotation, -180, 180, " degrees, clockwise seen from above"),
            Height = p.Bool("height", d.Height),
            Law = PanLaws.TryParse(p.Choice("law", required: false, PanLaws.Names, "pan law"), out var law) ? law : d.Law,
        };
    }
}
