using System.Text.Json;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// Reads the <c>automation</c> section of a session file (docs/session-format.md, Automation): settings, modes per
/// track/bus/VCA and lanes, checking every address against the session's <see cref="ParameterCatalog"/> (so any
/// parameter the catalog lists, EQ and dynamics included, can carry a lane), every value against the parameter's
/// descriptor and every point's order and shape; each problem is recorded with its JSON path. Control side.
/// </summary>
internal static class AutomationReader
{
    /// <summary>Largest trim offset a trim curve may hold, in dB either way.</summary>
    public const double TrimLimitDb = 24;

    private static readonly string[] Fields = ["settings", "modes", "lanes"];
    private static readonly string[] SettingsFields =
        ["autoMatchMs", "touchTimeoutMs", "afterWrite", "coalesce", "autoJoin", "thinningDb", "thinningFraction"];
    private static readonly string[] LaneFields = ["address", "mode", "points", "trim"];
    private static readonly string[] PointFields = ["position", "value", "shape"];
    private static readonly string[] ShapeNames = ["linear", "step", "sCurve"];
    private static readonly string[] AfterWriteNames = ["touch", "latch", "noChange"];
    private static readonly string[] CoalesceNames = ["afterEveryPass", "onExitTrim", "manual"];

    /// <summary>Reads the section at <paramref name="path"/> (absent: <see cref="SessionAutomation.Empty"/>), taking the lanes' point arrays from <paramref name="lifted"/> where they were lifted out of the text.</summary>
    public static SessionAutomation Read(JsonElement? element, string path, SessionTimeline timeline, ParameterCatalog catalog, SessionProblemList problems,
        LiftedPoints? lifted = null)
    {
        if (element is not { } e) return SessionAutomation.Empty;
        if (!JsonObjectReader.TryOpen(e, path, problems, "the automation section", Fields, out var r)) return SessionAutomation.Empty;
        var settings = r.Get("settings") is { } s ? ReadSettings(s, r.PathOf("settings"), problems) : AutomationSettings.Default;
        var modes = ReadModes(r, catalog, problems);
        var lanes = new List<AutomationLane>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var (item, itemPath) in r.Array("lanes", required: false, "automation lanes"))
        {
            if (ReadLane(item, itemPath, timeline, catalog, problems, new LaneLift(lifted, index++)) is not { } lane) continue;
            if (seen.TryGetValue(lane.Address, out string? first))
                problems.Add($"{itemPath}.address", $"a second lane for '{lane.Address}' (first at {first}); expected one lane per parameter");
            else
            {
                seen[lane.Address] = itemPath;
                lanes.Add(lane);
            }
        }
        return new SessionAutomation(settings, modes, lanes);
    }

    private static AutomationSettings ReadSettings(JsonElement element, string path, SessionProblemList problems)
    {
        var d = AutomationSettings.Default;
        if (!JsonObjectReader.TryOpen(element, path, problems, "the automation settings", SettingsFields, out var r)) return d;
        var afterWrite = r.Choice("afterWrite", required: false, AfterWriteNames, "after-Write-pass mode") switch
        {
            "latch" => AfterWritePass.Latch,
            "noChange" => AfterWritePass.NoChange,
            _ => AfterWritePass.Touch,
        };
        var coalesce = r.Choice("coalesce", required: false, CoalesceNames, "trim coalesce policy") switch
        {
            "onExitTrim" => TrimCoalesce.OnExitTrim,
            "manual" => TrimCoalesce.Manual,
            _ => TrimCoalesce.AfterEveryPass,
        };
        return new AutomationSettings(
            r.Number("autoMatchMs", d.AutoMatchMs, 0, 10_000, " ms"),
            r.Number("touchTimeoutMs", d.TouchTimeoutMs, 1, 60_000, " ms"),
            afterWrite,
            coalesce,
            r.Bool("autoJoin", d.AutoJoin),
            r.Number("thinningDb", d.ThinningDb, 0, 6, " dB"),
            r.Number("thinningFraction", d.ThinningFraction, 0, 0.1, " of the range"));
    }

    private static Dictionary<string, AutomationModeSetting> ReadModes(JsonObjectReader root, ParameterCatalog catalog, SessionProblemList problems)
    {
        var modes = new Dictionary<string, AutomationModeSetting>(StringComparer.Ordinal);
        if (root.Get("modes") is not { } element) return modes;
        string path = root.PathOf("modes");
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object of modes keyed by track, bus or VCA (\"track/DX 1\": \"touch\"), found {JsonObjectReader.Describe(element)}");
            return modes;
        }
        foreach (var property in element.EnumerateObject())
        {
            string itemPath = JsonObjectReader.ChildPath(path, property.Name);
            if (!TryReadMode(property.Value, itemPath, problems, out var mode)) continue;
            if (catalog.FindTarget(property.Name, out string canonical, out string error) is false)
                problems.Add(itemPath, error);
            else if (!modes.TryAdd(canonical, mode))
                problems.Add(itemPath, $"'{property.Name}' names '{canonical}', which already has a mode; give each track, bus or VCA one mode");
        }
        return modes;
    }

    private static bool TryReadMode(JsonElement value, string path, SessionProblemList problems, out AutomationModeSetting mode)
    {
        mode = AutomationModeSetting.Default;
        string expected = $"an automation mode: one of {string.Join(", ", AutomationModeSetting.Names.Select(n => $"\"{n}\""))}";
        if (value.ValueKind == JsonValueKind.String && AutomationModeSetting.TryParse(value.GetString()!, out mode)) return true;
        problems.Add(path, value.ValueKind == JsonValueKind.String
            ? $"unknown automation mode \"{value.GetString()}\"; expected {expected}"
            : $"expected {expected}, found {JsonObjectReader.Describe(value)}");
        return false;
    }

    // The lifted points of one lane (LiftedPoints), if any.
    private readonly record struct LaneLift(LiftedPoints? Points, int Lane);

    private static AutomationLane? ReadLane(JsonElement item, string path, SessionTimeline timeline, ParameterCatalog catalog, SessionProblemList problems,
        LaneLift lift)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "an automation lane", LaneFields, out var r)) return null;
        string? address = r.String("address", required: true, "a parameter address (\"track/DX 1/fader\")");
        AutomationModeSetting? mode = null;
        if (r.Get("mode") is { } m && TryReadMode(m, r.PathOf("mode"), problems, out var parsed)) mode = parsed;
        if (address is null) return null;
        ParameterDescriptor descriptor;
        try
        {
            descriptor = catalog.Find(address).Descriptor;
        }
        catch (ParameterAddressException e)
        {
            r.Problem("address", e.Message);
            return null;
        }
        if (!descriptor.Automatable)
        {
            r.Problem("address", catalog.WhyNotAutomatable(descriptor));
            return null;
        }
        var points = ReadPoints(r, "points", descriptor, trim: false, timeline, problems, lift);
        AutomationCurve trim = AutomationCurve.Empty;
        if (r.Get("trim") is not null)
        {
            if (!descriptor.Trimmable) r.Problem("trim", $"'{descriptor.Address}' is not trimmable; only gain-type parameters (faders, send levels) have a trim curve");
            else trim = ReadPoints(r, "trim", descriptor, trim: true, timeline, problems, lift);
        }
        return new AutomationLane(descriptor.Address.ToString(), points, trim, mode);
    }

    private static AutomationCurve ReadPoints(JsonObjectReader lane, string field, ParameterDescriptor d, bool trim,
        SessionTimeline timeline, SessionProblemList problems, LaneLift lift)
    {
        var points = new List<AutomationPoint>();
        long? previous = null;
        bool isSwitch = d.Unit == ParameterUnit.Boolean && !trim;
        if (lift.Points?.Of(lift.Lane, trim) is { } raw) return FromLifted(raw, d, trim, isSwitch, lift.Points);
        if (lane.Get(field) is { ValueKind: JsonValueKind.Array } array)
        {
            // Dense lanes hold thousands of points: a well-formed point is read without building its JSON path, and only
            // a point that is not (or is out of order) goes through the validating reader, which names the problem.
            points.Capacity = array.GetArrayLength();
            string? arrayPath = null;
            int index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (TryReadWellFormed(item, d, trim, isSwitch, out var point) && (previous is not { } last || point.Position > last))
                {
                    previous = point.Position;
                    points.Add(point);
                }
                else
                {
                    arrayPath ??= lane.PathOf(field);
                    ReadPoint(item, $"{arrayPath}[{index}]", d, trim, isSwitch, timeline, problems, points, ref previous);
                }
                index++;
            }
        }
        else
        {
            foreach (var (item, path) in lane.Array(field, required: false, "automation points"))
                ReadPoint(item, path, d, trim, isSwitch, timeline, problems, points, ref previous);
        }
        return points.Count == 0 ? AutomationCurve.Empty : new AutomationCurve(points);
    }

    // Lifted points, accepted exactly as TryReadWellFormed accepts a point (and in ascending order), completed in place
    // into the curve's points; any other marks the lift rejected, so the session is read again from its text and the
    // point reported with its path. A switch's value is a whole 0 or 1 exactly when the number's double is 0 or 1.
    private static AutomationCurve FromLifted(AutomationPoint[] raw, ParameterDescriptor d, bool trim, bool isSwitch, LiftedPoints lifted)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            var p = raw[i];
            var shape = p.Shape == LiftedPoints.NoShape ? (isSwitch ? SegmentShape.Step : SegmentShape.Linear) : p.Shape;
            long? whole = p.Value == 0 ? 0 : p.Value == 1 ? 1 : null;
            if (!TryAcceptValue(p.Value, whole, d, trim, isSwitch, out double value) || (isSwitch && shape != SegmentShape.Step)
                || (i > 0 && p.Position <= raw[i - 1].Position))
            {
                lifted.Reject();
                return AutomationCurve.Empty;
            }
            raw[i] = new AutomationPoint(p.Position, value, shape);
        }
        return raw.Length == 0 ? AutomationCurve.Empty : AutomationCurve.Adopt(raw);
    }

    // A point whose fields are exactly what the validating reader accepts without a problem: a whole position in samples,
    // a number inside the parameter's range (or the trim limits) and a known shape the parameter allows.
    private static bool TryReadWellFormed(JsonElement item, ParameterDescriptor d, bool trim, bool isSwitch, out AutomationPoint point)
    {
        point = default;
        if (item.ValueKind != JsonValueKind.Object) return false;
        long position = -1;
        double value = double.NaN;
        var shape = isSwitch ? SegmentShape.Step : SegmentShape.Linear;
        int seen = 0;
        foreach (var property in item.EnumerateObject())
        {
            var v = property.Value;
            if (property.NameEquals("position"))
            {
                if ((seen & 1) != 0 || !JsonObjectReader.TryGetWhole(v, out position) || position < 0) return false;
                seen |= 1;
            }
            else if (property.NameEquals("value"))
            {
                if ((seen & 2) != 0 || !TryReadWellFormedValue(v, d, trim, isSwitch, out value)) return false;
                seen |= 2;
            }
            else if (property.NameEquals("shape"))
            {
                if ((seen & 4) != 0 || v.ValueKind != JsonValueKind.String) return false;
                if (v.ValueEquals("linear")) shape = SegmentShape.Linear;
                else if (v.ValueEquals("step")) shape = SegmentShape.Step;
                else if (v.ValueEquals("sCurve")) shape = SegmentShape.SCurve;
                else return false;
                if (isSwitch && shape != SegmentShape.Step) return false;
                seen |= 4;
            }
            else
            {
                return false;
            }
        }
        if ((seen & 3) != 3) return false;
        point = new AutomationPoint(position, value, shape);
        return true;
    }

    private static bool TryReadWellFormedValue(JsonElement v, ParameterDescriptor d, bool trim, bool isSwitch, out double value)
    {
        value = double.NaN;
        if (v.ValueKind != JsonValueKind.Number) return false;
        long? whole = JsonObjectReader.TryGetWhole(v, out long b) ? b : null;
        double x = v.TryGetDouble(out double read) ? read : double.NaN;
        return TryAcceptValue(x, whole, d, trim, isSwitch, out value);
    }

    // A switch takes a whole 0 or 1; any other parameter a finite number inside its range (or the trim limits).
    private static bool TryAcceptValue(double x, long? whole, ParameterDescriptor d, bool trim, bool isSwitch, out double value)
    {
        value = double.NaN;
        if (isSwitch)
        {
            if (whole is not (0 or 1)) return false;
            value = whole.Value;
            return true;
        }
        if (!double.IsFinite(x)) return false;
        double min = trim ? -TrimLimitDb : d.Minimum, max = trim ? TrimLimitDb : d.Maximum;
        if (x < min || x > max) return false;
        value = x;
        return true;
    }

    private static void ReadPoint(JsonElement item, string path, ParameterDescriptor d, bool trim, bool isSwitch, SessionTimeline timeline,
        SessionProblemList problems, List<AutomationPoint> points, ref long? previous)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "an automation point", PointFields, out var r)) return;
        long? position = r.Required("position", "the point's position (timecode label or samples from the start)") is { } p
            ? timeline.ReadPosition(p, r.PathOf("position"), problems, "point position")
            : null;
        double? value = ReadValue(r, d, trim);
        var shape = r.Choice("shape", required: false, ShapeNames, "segment shape") switch
        {
            "step" => SegmentShape.Step,
            "sCurve" => SegmentShape.SCurve,
            "linear" => SegmentShape.Linear,
            _ => isSwitch ? SegmentShape.Step : SegmentShape.Linear,
        };
        if (isSwitch && shape != SegmentShape.Step)
            r.Problem("shape", $"'{d.Address}' is a switch; its segments can only be \"step\"");
        if (position is not { } pos) return;
        if (previous is { } prev && pos <= prev)
        {
            r.Problem("position", $"position {pos} is not after the previous point's position {prev}; expected points in strictly ascending position");
            return;
        }
        previous = pos;
        if (value is { } v) points.Add(new AutomationPoint(pos, v, shape));
    }

    private static double? ReadValue(JsonObjectReader r, ParameterDescriptor d, bool trim)
    {
        if (trim)
        {
            if (r.Required("value", "a trim offset in dB") is null) return null;
            double t = r.Decibels("value", double.NaN, TrimLimitDb, -TrimLimitDb);
            return double.IsNaN(t) ? null : t;
        }
        if (r.Required("value", $"the value in {d.UnitSymbol}") is not { } v) return null;
        switch (d.Unit)
        {
            case ParameterUnit.Decibels:
                double db = r.Decibels("value", double.NaN, d.Maximum, d.Minimum);
                return double.IsNaN(db) ? null : db;
            case ParameterUnit.Boolean:
                if (JsonObjectReader.TryGetWhole(v, out long b) && b is 0 or 1) return b;
                r.Problem("value", $"'{d.Address}' is a switch; expected 0 or 1, found {JsonObjectReader.Describe(v)}");
                return null;
            default:
                double x = r.Number("value", double.NaN, d.Minimum, d.Maximum, $" ({d.UnitSymbol})");
                return double.IsNaN(x) ? null : x;
        }
    }
}
