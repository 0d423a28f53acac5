using System.Text.Json;
using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>
/// Reads a scripted pass file (docs/automation.md, Scripted passes) against a session: positions as timecode labels or
/// samples, addresses checked against the session's catalog, kinds and targets by name; every problem is collected
/// with its JSON path and thrown at once in a <see cref="PassScriptException"/>. Control side.
/// </summary>
public static class ScriptedPassReader
{
    private static readonly string[] RootFields = ["start", "end", "modes", "stopped", "events"];
    private static readonly string[] EventFields = ["position", "timecode", "address", "kind", "value", "to", "target", "selection", "on", "all", "targets", "composite"];
    private static readonly string[] SelectionFields = ["start", "end"];
    private static readonly string[] Kinds = ["value", "touch", "release", "jump", "writeTo", "preview", "suspend", "punchPreview", "capture", "punchCapture"];
    private static readonly string[] StoppedKinds = ["value", "touch", "release", "writeTo", "preview", "suspend", "punchPreview", "capture", "punchCapture"];
    private static readonly string[] Targets = ["start", "end", "all", "punchPoint", "nextBreakpoint"];

    /// <summary>Reads the pass file at <paramref name="path"/>; throws <see cref="PassScriptException"/> listing every problem.</summary>
    public static ScriptedPass Load(string path, MixSession session)
    {
        string full = Path.GetFullPath(path);
        string json;
        try
        {
            json = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PassScriptException(full, [new SessionProblem("$", $"cannot read the pass file: {e.Message}", full)]);
        }
        return Parse(json, full, session);
    }

    /// <summary>Reads pass JSON text; <paramref name="source"/> names it in messages.</summary>
    public static ScriptedPass Parse(string json, string source, MixSession session)
    {
        var problems = new SessionProblemList();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PassScriptException(source, [new SessionProblem("$", $"JSON syntax error at line {(e.LineNumber ?? 0) + 1}: {e.Message.Split(" LineNumber:")[0]}")]);
        }
        using (document)
        {
            var pass = Read(document.RootElement, session, problems);
            if (problems.Count > 0) throw new PassScriptException(source, problems.All);
            return pass;
        }
    }

    private static ScriptedPass Read(JsonElement root, MixSession session, SessionProblemList problems)
    {
        var empty = new ScriptedPass(0, 0, [], [], []);
        if (!JsonObjectReader.TryOpen(root, "$", problems, "a scripted pass", RootFields, out var r)) return empty;
        var timeline = new SessionTimeline(session.SampleRate, session.TimecodeRate, session.Start);
        var catalog = ParameterCatalog.For(session);
        long start = r.Required("start", "the pass start (timecode label or samples)") is { } s ? timeline.ReadPosition(s, r.PathOf("start"), problems, "pass start") ?? 0 : 0;
        long end = r.Required("end", "the pass end (timecode label or samples)") is { } e ? timeline.ReadPosition(e, r.PathOf("end"), problems, "pass end") ?? start : start;
        if (end < start) r.Problem("end", $"the pass ends at sample {end}, before its start {start}; expected an end at or after the start");
        var modes = new List<(string, AutomationModeSetting?)>();
        if (r.Get("modes") is { } m)
        {
            if (m.ValueKind != JsonValueKind.Object) r.Problem("modes", $"expected an object of modes (\"track/DX 1\": \"touch\"), found {JsonObjectReader.Describe(m)}");
            else
                foreach (var property in m.EnumerateObject())
                {
                    string path = JsonObjectReader.ChildPath(r.PathOf("modes"), property.Name);
                    if (ReadModeTarget(property.Name, path, catalog, problems) is not { } target) continue;
                    if (property.Value.ValueKind == JsonValueKind.Null) modes.Add((target, null));
                    else if (property.Value.ValueKind == JsonValueKind.String && AutomationModeSetting.TryParse(property.Value.GetString()!, out var mode)) modes.Add((target, mode));
                    else problems.Add(path, $"expected an automation mode ({string.Join(", ", AutomationModeSetting.Names)}) or null, found {JsonObjectReader.Describe(property.Value)}");
                }
        }
        var stopped = r.Array("stopped", required: false, "moves made while stopped")
            .Select(x => ReadEvent(x.Item, x.Path, timeline, catalog, problems, stopped: true)).OfType<PassEvent>().ToList();
        var events = r.Array("events", required: true, "pass events")
            .Select(x => ReadEvent(x.Item, x.Path, timeline, catalog, problems, stopped: false)).OfType<PassEvent>().ToList();
        return new ScriptedPass(start, end, modes, stopped, events);
    }

    private static string? ReadModeTarget(string name, string path, ParameterCatalog catalog, SessionProblemList problems)
    {
        if (name.Count(c => c == '/') == 1 && !name.Contains('#'))
        {
            if (catalog.FindTarget(name, out string canonical, out string error)) return canonical;
            problems.Add(path, error);
            return null;
        }
        try
        {
            var descriptor = catalog.Find(name).Descriptor;
            if (descriptor.Automatable) return descriptor.Address.ToString();
            problems.Add(path, catalog.WhyNotAutomatable(descriptor));
            return null;
        }
        catch (ParameterAddressException e)
        {
            if (catalog.FindTarget(name, out string canonical, out _)) return canonical;
            problems.Add(path, e.Message);
            return null;
        }
    }

    private static string? ReadStrip(JsonElement item, string path, ParameterCatalog catalog, SessionProblemList problems)
    {
        if (item.ValueKind != JsonValueKind.String)
        {
            problems.Add(path, $"expected a strip target (\"track/DX 1\"), found {JsonObjectReader.Describe(item)}");
            return null;
        }
        if (catalog.FindTarget(item.GetString()!, out string canonical, out string error)) return canonical;
        problems.Add(path, error);
        return null;
    }

    private static PassEvent? ReadEvent(JsonElement item, string path, SessionTimeline timeline, ParameterCatalog catalog, SessionProblemList problems, bool stopped)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "a pass event", EventFields, out var r)) return null;
        string kindName = r.Choice("kind", required: true, stopped ? StoppedKinds : Kinds, "event kind") ?? "";
        long position = 0;
        if (!stopped)
        {
            var at = r.Get("position") ?? r.Get("timecode");
            if (at is null) r.Problem("position", "missing 'position' (samples from the session start or a timecode label) or 'timecode'");
            else position = timeline.ReadPosition(at.Value, r.PathOf(r.Get("position") is null ? "timecode" : "position"), problems, "event position") ?? 0;
        }
        switch (kindName)
        {
            case "jump":
                long to = r.Required("to", "where the jump lands") is { } t ? timeline.ReadPosition(t, r.PathOf("to"), problems, "jump target") ?? 0 : 0;
                return new PassEvent(PassEventKind.Jump, position, To: to);
            case "writeTo":
                var target = r.Choice("target", required: true, Targets, "Write-To target") switch
                {
                    "start" => WriteTarget.Start,
                    "all" => WriteTarget.All,
                    "punchPoint" => WriteTarget.PunchPoint,
                    "nextBreakpoint" => WriteTarget.NextBreakpoint,
                    _ => WriteTarget.End,
                };
                long? selStart = null, selEnd = null;
                if (r.Get("selection") is { } sel && JsonObjectReader.TryOpen(sel, r.PathOf("selection"), problems, "a selection", SelectionFields, out var sr))
                {
                    selStart = sr.Required("start", "the selection start") is { } a ? timeline.ReadPosition(a, sr.PathOf("start"), problems, "selection start") : null;
                    selEnd = sr.Required("end", "the selection end") is { } b ? timeline.ReadPosition(b, sr.PathOf("end"), problems, "selection end") : null;
                }
                return new PassEvent(PassEventKind.WriteTo, position, Target: target, SelectionStart: selStart, SelectionEnd: selEnd);
            case "preview":
            case "suspend":
                if (r.Get("on") is not { ValueKind: JsonValueKind.True or JsonValueKind.False } on)
                {
                    r.Problem("on", $"'{kindName}' needs \"on\": true or false");
                    return null;
                }
                return new PassEvent(kindName == "preview" ? PassEventKind.Preview : PassEventKind.Suspend, position, On: on.GetBoolean());
            case "punchPreview":
                return new PassEvent(PassEventKind.PunchPreview, position);
            case "capture":
                return new PassEvent(PassEventKind.Capture, position);
            case "punchCapture":
                var strips = r.Get("targets") is null ? null
                    : r.Array("targets", required: false, "strip targets").Select(x => ReadStrip(x.Item, x.Path, catalog, problems)).ToArray();
                if (strips is not null && strips.Any(x => x is null)) return null;
                return new PassEvent(PassEventKind.PunchCapture, position, All: r.Bool("all", false), Targets: strips?.Select(x => x!).ToArray());
            case "":
                return null;
        }
        string? address = r.String("address", required: true, "a parameter address (\"track/DX 1/fader\")");
        ParameterAddress? parsed = null;
        if (address is not null)
        {
            try
            {
                var descriptor = catalog.Find(address).Descriptor;
                if (descriptor.Automatable) parsed = descriptor.Address;
                else r.Problem("address", catalog.WhyNotAutomatable(descriptor));
            }
            catch (ParameterAddressException e)
            {
                r.Problem("address", e.Message);
            }
        }
        double value = kindName == "touch" ? double.NaN : 0;
        if (kindName == "value" && r.Required("value", "the control's value in its unit") is null) return null;
        if (r.Get("value") is not null)
        {
            value = r.Decibels("value", double.NaN, double.MaxValue, double.NegativeInfinity);
            if (double.IsNaN(value)) return null;
        }
        if (parsed is null) return null;
        var kind = kindName switch
        {
            "touch" => PassEventKind.Touch,
            "release" => PassEventKind.Release,
            _ => PassEventKind.Value,
        };
        bool composite = r.Bool("composite", false);
        if (composite && kind != PassEventKind.Value) r.Problem("composite", $"'composite' applies to value events, not '{kindName}'");
        return new PassEvent(kind, position, parsed, value, Composite: composite);
    }
}
