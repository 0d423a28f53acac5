using System.Text.Json;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Reads a mapping profile (docs/surfaces.md, Profile format) and checks all of it before use: JSON syntax, unknown
/// and missing fields, types, ranges, target and command grammar, duplicate MIDI messages, soft keys. Every problem is
/// collected with its JSON path and reported at once in a <see cref="MappingProfileException"/> naming the file.
/// Shipped profiles (<see cref="Shipped"/>) are embedded in the assembly. Control side; no shared state.
/// </summary>
public static class MappingProfileReader
{
    private const string ResourcePrefix = "MixEngine.Surfaces.Mapping.Profiles.";
    private static readonly string[] RootFields = ["mixengineSurfaceProfile", "name", "strips", "selectByTouch", "touchTimeoutMs", "controls", "softKeys"];
    private static readonly string[] ControlFields = ["name", "midi", "target", "command", "touch", "min", "max", "step", "echo"];
    private static readonly string[] MidiFields = ["type", "channel", "number", "relative"];
    private static readonly string[] PageFields = ["name", "keys"];

    /// <summary>The names of the profiles shipped with the engine (<c>generic-14bit-faders</c>, …).</summary>
    public static IReadOnlyList<string> Shipped { get; } =
        [.. typeof(MappingProfileReader).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Loads <paramref name="pathOrName"/>: a path to a JSON file, or the name of a shipped profile. Throws
    /// <see cref="MappingProfileException"/> naming the file and every problem (also when the file cannot be read).
    /// </summary>
    public static MappingProfile Load(string pathOrName)
    {
        if (Shipped.Contains(pathOrName))
        {
            using var stream = typeof(MappingProfileReader).Assembly.GetManifestResourceStream(ResourcePrefix + pathOrName + ".json")!;
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), pathOrName);
        }
        string json;
        try
        {
            json = File.ReadAllText(pathOrName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MappingProfileException(pathOrName, [$"$: cannot read the profile: {e.Message} (shipped profiles: {string.Join(", ", Shipped)})"]);
        }
        return Parse(json, pathOrName);
    }

    /// <summary>Reads profile JSON text; <paramref name="file"/> names it in errors. Throws <see cref="MappingProfileException"/>.</summary>
    public static MappingProfile Parse(string json, string file)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MappingProfileException(file, [$"$: JSON syntax error at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line; expected strict JSON"]);
        }
        using (document)
        {
            var profile = Read(new JsonFields(document.RootElement, "$", "a mapping profile", RootFields, problems));
            if (problems.Count > 0 || profile is null) throw new MappingProfileException(file, problems);
            return profile;
        }
    }

    private static MappingProfile? Read(JsonFields r)
    {
        if (!r.IsObject) return null;
        if (r.Integer("mixengineSurfaceProfile", required: true, MappingProfile.FormatVersion, MappingProfile.FormatVersion) is null) return null;
        string name = r.String("name", required: true) ?? "";
        int strips = r.Integer("strips", required: false, 0, 128) ?? 8;
        bool selectByTouch = r.Bool("selectByTouch") ?? true;
        int touchMs = r.Integer("touchTimeoutMs", required: false, 50, 10_000) ?? 500;
        var controls = new List<(MappingControl Control, string Path)>();
        foreach (var (item, path) in r.Array("controls", required: true))
            if (ReadControl(new JsonFields(item, path, "a control", ControlFields, r.Problems), strips) is { } c) controls.Add((c, path));
        CheckDuplicates(controls, r.Problems);
        if (controls.Any(c => c.Control.Midi.Kind == MidiControlKind.Nrpn))
            foreach (var (control, path) in controls.Where(c => c.Control.Midi is { Kind: MidiControlKind.ControlChange, Number: 6 or 38 or 96 or 97 }))
                r.Problems.Add($"{path}.midi.number: controller {control.Midi.Number} is NRPN data entry in a profile with NRPN controls; use another controller");
        var pages = new List<SoftKeyPage>();
        foreach (var (item, path) in r.Array("softKeys", required: false))
            if (ReadPage(new JsonFields(item, path, "a soft-key page", PageFields, r.Problems)) is { } p) pages.Add(p);
        if (pages.Count == 0 && controls.Any(c => c.Control.Action.Command == MappingCommand.SoftKey))
            r.Problem("softKeys", "controls run softkey/N but the profile has no soft-key pages; add softKeys");
        return new MappingProfile(name, strips, [.. controls.Select(c => c.Control)], pages) { SelectByTouch = selectByTouch, TouchTimeout = TimeSpan.FromMilliseconds(touchMs) };
    }

    private static MappingControl? ReadControl(JsonFields r, int strips)
    {
        if (!r.IsObject) return null;
        var midi = r.Object("midi", required: true, "the MIDI message", MidiFields) is { } m ? ReadMidi(m) : null;
        var touch = r.Object("touch", required: false, "the touch sensor", MidiFields) is { } t ? ReadMidi(t) : null;
        if (touch is { Kind: not MidiControlKind.Note }) r.Problem("touch", $"a touch sensor is a note; found {touch.KindName}");
        string? target = r.String("target", required: false);
        string? command = r.String("command", required: false);
        MappingAction? action = null;
        string error = "";
        if ((target is null) == (command is null)) r.Problem(target is null ? "target" : "command", "a control has either 'target' (a parameter) or 'command'; give exactly one");
        else if (target is not null ? MappingAction.TryParseTarget(target, out var a, out error) : MappingAction.TryParseCommand(command!, out a, out error)) action = a;
        else r.Problem(target is null ? "command" : "target", error);
        if (action is { Kind: MappingActionKind.StripParameter or MappingActionKind.Command } && action.Slot > strips
            && action.Command is MappingCommand.None or MappingCommand.Select or MappingCommand.SpillStrip)
            r.Problem(target is null ? "command" : "target", $"strip slot {action.Slot} is beyond the profile's {strips} strips");
        if (action is { Kind: MappingActionKind.Command } && midi is { IsRelative: true })
            r.Problem("midi", "a relative encoder cannot run a command; use a note or an absolute cc");
        double? min = r.Number("min"), max = r.Number("max");
        if ((min is null) != (max is null)) r.Problem(min is null ? "min" : "max", "give both 'min' and 'max' (a linear range in the parameter's unit) or neither");
        else if (min is { } lo && max is { } hi && lo == hi) r.Problem("max", $"max {hi} equals min; the range must not be empty");
        double step = r.Number("step") ?? 0.01;
        if (step is <= 0 or > 1) r.Problem("step", $"step {step} is out of range; expected a fraction of the control range, 0 < step <= 1");
        bool echo = r.Bool("echo") ?? false;
        string name = r.String("name", required: false) ?? target ?? command ?? "";
        if (midi is null || action is null) return null;
        return new MappingControl(name, midi, action) { Touch = touch, Minimum = min, Maximum = max, Step = step, Echo = echo };
    }

    private static MidiBinding? ReadMidi(JsonFields r)
    {
        string? type = r.Choice("type", MidiBinding.KindNames.Keys);
        int? channel = r.Integer("channel", required: true, 1, 16);
        if (type is null || channel is null) return null;
        var kind = MidiBinding.KindNames[type];
        int number = 0;
        if (kind == MidiControlKind.PitchBend)
        {
            if (r.Has("number")) r.Problem("number", "pitch bend has no number; remove it");
        }
        else
        {
            int max = kind switch { MidiControlKind.ControlChange14 => 31, MidiControlKind.Nrpn => 16383, MidiControlKind.ControlChange => 119, _ => 127 };
            if (r.Integer("number", required: true, 0, max) is not { } n) return null;
            if (kind == MidiControlKind.ControlChange && n is >= 98 and <= 101)
            {
                r.Problem("number", $"controller {n} selects an NRPN/RPN; map the parameter as type \"nrpn\" instead");
                return null;
            }
            number = n;
        }
        var relative = RelativeEncoding.None;
        if (r.Choice("relative", RelativeEncoder.Names.Keys, required: false) is { } style)
        {
            if (kind != MidiControlKind.ControlChange) r.Problem("relative", $"only a 7-bit cc can be a relative encoder; this is {type}");
            else relative = RelativeEncoder.Names[style];
        }
        return new MidiBinding(kind, channel.Value - 1, number, relative);
    }

    private static SoftKeyPage? ReadPage(JsonFields r)
    {
        if (!r.IsObject) return null;
        string name = r.String("name", required: true) ?? "";
        var keys = new List<MappingAction>();
        foreach (var (item, path) in r.Array("keys", required: true))
        {
            if (item.ValueKind != JsonValueKind.String) r.Problems.Add($"{path}: expected a command (string), found {item.ValueKind}");
            else if (!MappingAction.TryParseCommand(item.GetString()!, out var key, out string error)) r.Problems.Add($"{path}: {error}");
            else if (key.Command is MappingCommand.SoftKey) r.Problems.Add($"{path}: a soft key cannot run another soft key");
            else keys.Add(key);
        }
        return new SoftKeyPage(name, keys);
    }

    private static void CheckDuplicates(List<(MappingControl Control, string Path)> controls, List<string> problems)
    {
        var seen = new Dictionary<(MidiControlKind, int, int), string>();
        foreach (var (control, path) in controls)
        {
            var m = control.Midi;
            if (seen.TryGetValue((m.Kind, m.Channel, m.Number), out string? first))
                problems.Add($"{path}.midi: {m} is already used by the control at {first}; each MIDI message drives one control");
            else seen[(m.Kind, m.Channel, m.Number)] = path;
        }
    }
}
