using System.Globalization;
using System.Text.Json;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// Writes a session's <see cref="SessionAutomation"/> as the <c>automation</c> section that <see cref="AutomationReader"/>
/// reads back to the same value; each point on one line (<c>{ "position": …, "value": …, "shape": … }</c>) so long
/// lanes stay readable. Control side.
/// </summary>
internal static class AutomationWriter
{
    /// <summary>Writes the section, or nothing when the automation is empty.</summary>
    public static void Write(Utf8JsonWriter w, SessionAutomation automation, Func<long, string> position)
    {
        if (automation.IsEmpty) return;
        w.WriteStartObject("automation");
        var s = automation.Settings;
        w.WriteStartObject("settings");
        w.WriteNumber("autoMatchMs", s.AutoMatchMs);
        w.WriteNumber("touchTimeoutMs", s.TouchTimeoutMs);
        w.WriteString("afterWrite", s.AfterWrite switch
        {
            AfterWritePass.Latch => "latch",
            AfterWritePass.NoChange => "noChange",
            _ => "touch",
        });
        w.WriteString("coalesce", s.Coalesce switch
        {
            TrimCoalesce.OnExitTrim => "onExitTrim",
            TrimCoalesce.Manual => "manual",
            _ => "afterEveryPass",
        });
        w.WriteBoolean("autoJoin", s.AutoJoin);
        w.WriteNumber("thinningDb", s.ThinningDb);
        w.WriteNumber("thinningFraction", s.ThinningFraction);
        w.WriteEndObject();
        w.WriteStartObject("modes");
        foreach (var (target, mode) in automation.Modes) w.WriteString(target, mode.ToString());
        w.WriteEndObject();
        w.WriteStartArray("lanes");
        foreach (var lane in automation.Lanes)
        {
            w.WriteStartObject();
            w.WriteString("address", lane.Address);
            if (lane.Mode is { } mode) w.WriteString("mode", mode.ToString());
            WritePoints(w, "points", lane.Curve, position);
            if (!lane.Trim.IsEmpty) WritePoints(w, "trim", lane.Trim, position);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePoints(Utf8JsonWriter w, string name, AutomationCurve curve, Func<long, string> position)
    {
        w.WriteStartArray(name);
        foreach (var p in curve.Points)
        {
            string value = double.IsNegativeInfinity(p.Value) ? "\"-inf\"" : p.Value.ToString("R", CultureInfo.InvariantCulture);
            string shape = p.Shape switch
            {
                SegmentShape.Step => "step",
                SegmentShape.SCurve => "sCurve",
                _ => "linear",
            };
            w.WriteRawValue($"{{ \"position\": {position(p.Position)}, \"value\": {value}, \"shape\": \"{shape}\" }}");
        }
        w.WriteEndArray();
    }
}
