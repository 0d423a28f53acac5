namespace MixEngine.Session;

/// <summary>What a parameter address belongs to: a track strip, a bus strip or a VCA.</summary>
public enum ParameterScope
{
    /// <summary>A track's strip (<c>track/DX 1/fader</c>).</summary>
    Track,

    /// <summary>A bus's strip (<c>bus/Printmaster/mute</c>).</summary>
    Bus,

    /// <summary>A VCA master (<c>vca/Dialog/fader</c>).</summary>
    Vca,
}

/// <summary>
/// The one stable, human-readable name of a controllable value (ARCHITECTURE.md, "One address space"):
/// <c>scope/Name/parameter…</c>, e.g. <c>track/DX 1/fader</c>, <c>track/DX 1/pan/x</c>, <c>track/DX 1/send/Reverb/level</c>,
/// <c>bus/Printmaster/mute</c>, <c>vca/Dialog/fader</c>. Names may contain spaces but never '/'. The stable-id form
/// <c>track#dx1/fader</c> (and <c>send#verb/level</c> for a send's bus) survives renames. Immutable value; any thread.
/// </summary>
/// <param name="Scope">Track, bus or VCA.</param>
/// <param name="Target">The track, bus or VCA name (or id when <paramref name="TargetIsId"/>).</param>
/// <param name="TargetIsId">True for the <c>track#id/…</c> form.</param>
/// <param name="Parameter">The parameter path after the target, e.g. <c>fader</c>, <c>pan/x</c>, <c>send/Reverb/level</c>.</param>
public sealed record ParameterAddress(ParameterScope Scope, string Target, bool TargetIsId, string Parameter)
{
    private static readonly string[] ScopeNames = ["track", "bus", "vca"];

    /// <summary>The parameter path split at '/' (<c>["send", "Reverb", "level"]</c>).</summary>
    public IReadOnlyList<string> ParameterSegments => Parameter.Split('/');

    /// <summary>Parses an address; throws <see cref="FormatException"/> naming the address and the expected form.</summary>
    public static ParameterAddress Parse(string text) =>
        TryParse(text, out var address, out string error) ? address : throw new FormatException(error);

    /// <summary>Parses an address, or returns false with a message naming the address and the expected form.</summary>
    public static bool TryParse(string? text, out ParameterAddress address, out string error)
    {
        address = new ParameterAddress(ParameterScope.Track, "", false, "");
        error = "";
        const string form = "expected scope/Name/parameter (e.g. 'track/DX 1/fader', 'bus/Printmaster/mute', 'vca/Dialog/fader') or scope#id/parameter (e.g. 'track#dx1/pan/x')";
        if (string.IsNullOrEmpty(text))
        {
            error = $"empty parameter address; {form}";
            return false;
        }
        var segments = text.Split('/');
        string head = segments[0];
        int hash = head.IndexOf('#');
        string scopeName = hash >= 0 ? head[..hash] : head;
        int scopeIndex = Array.IndexOf(ScopeNames, scopeName);
        if (scopeIndex < 0)
        {
            error = $"address '{text}' starts with unknown scope '{scopeName}'; expected track, bus or vca; {form}";
            return false;
        }
        bool byId = hash >= 0;
        string target = byId ? head[(hash + 1)..] : segments.Length > 1 ? segments[1] : "";
        int first = byId ? 1 : 2;
        if (target.Length == 0 || segments.Length <= first || segments.Skip(first).Any(s => s.Length == 0))
        {
            error = $"address '{text}' is incomplete or has an empty segment; {form}";
            return false;
        }
        address = new ParameterAddress((ParameterScope)scopeIndex, target, byId, string.Join('/', segments.Skip(first)));
        return true;
    }

    /// <summary>The address for a track, bus or VCA parameter by display name.</summary>
    public static ParameterAddress ByName(ParameterScope scope, string name, string parameter) => new(scope, name, false, parameter);

    /// <summary>The address text: <c>track/DX 1/fader</c> or <c>track#dx1/fader</c>.</summary>
    public override string ToString()
    {
        string scope = ScopeNames[(int)Scope];
        return TargetIsId ? $"{scope}#{Target}/{Parameter}" : $"{scope}/{Target}/{Parameter}";
    }
}
