using System.Text.RegularExpressions;

namespace MixEngine.Session;

/// <summary>
/// A named point on the timeline (a reel start, a scene change, the 2-pop), or a range when <see cref="End"/> is set
/// (a loop or a selection to play again). Positions are samples from the session start, like clip positions.
/// Immutable; any thread.
/// </summary>
/// <param name="Name">Unique among the session's markers; non-empty, no control characters, no leading or trailing spaces.</param>
/// <param name="Position">Where the marker (or the range) starts, in samples from the session start (≥ 0).</param>
/// <param name="End">Where a range marker ends (after <see cref="Position"/>), or null for a point marker.</param>
/// <param name="Colour">Optional display colour as <c>#RRGGBB</c>.</param>
/// <param name="Comment">Optional free text (notes for the mix, the cue sheet line), at most <see cref="MaxCommentLength"/> characters.</param>
public sealed record Marker(string Name, long Position, long? End = null, string? Colour = null, string? Comment = null)
{
    /// <summary>The longest marker name accepted (a scribble strip or a tablet label shows far less).</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest comment accepted (it travels in one OSC datagram with the marker).</summary>
    public const int MaxCommentLength = 1024;

    /// <summary>The shape of a colour (the schema's pattern).</summary>
    public const string ColourPattern = "^#[0-9A-Fa-f]{6}$";

    /// <summary>True for a range marker (it has an <see cref="End"/>).</summary>
    public bool IsRange => End is not null;

    /// <summary>What is wrong with the name, or null when it is a valid marker name.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a marker needs a name; expected a non-empty string";
        if (name.Length > MaxNameLength) return $"marker name '{name[..20]}…' has {name.Length} characters; expected at most {MaxNameLength}";
        if (name.Trim().Length != name.Length || name.Any(char.IsControl))
            return $"'{name}' is not a valid marker name; expected no control characters and no leading or trailing spaces";
        return null;
    }

    /// <summary>What is wrong with this marker's fields (name, position, end, colour), or null when it is valid; names the marker.</summary>
    public string? Problem()
    {
        if (NameProblem(Name) is { } name) return name;
        if (Position < 0) return $"marker '{Name}' position {Position} is before the session start; expected 0 or more samples";
        if (End is { } end && end <= Position)
            return $"marker '{Name}' ends at {end}, not after its start {Position}; expected a range end after the start (or no end for a point marker)";
        if (Colour is { } colour && !Regex.IsMatch(colour, ColourPattern))
            return $"marker '{Name}' colour '{colour}' is not a colour; expected #RRGGBB (hex digits)";
        if (Comment is { Length: > MaxCommentLength } longComment)
            return $"marker '{Name}' comment has {longComment.Length} characters; expected at most {MaxCommentLength}";
        if (Comment is { } comment && comment.Any(c => char.IsControl(c) && c != '\n'))
            return $"marker '{Name}' comment contains a control character; expected text (line breaks allowed)";
        return null;
    }
}
