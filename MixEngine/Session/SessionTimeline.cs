using System.Text.Json;
using System.Text.RegularExpressions;

namespace MixEngine.Session;

/// <summary>
/// What a session file's positions are measured against: sample rate, timecode rate and start. Fields are null when the
/// file gave no valid value (that problem is already recorded; positions depending on it are then not checked).
/// Converts position fields (timecode label or samples from the start) to timeline samples. Control side.
/// </summary>
internal sealed record SessionTimeline(int? SampleRate, TimecodeRate? Rate, Timecode? Start)
{
    /// <summary>The shape of a timecode label (the schema's pattern); field ranges are checked by <see cref="Timecode.TryParse"/>.</summary>
    public const string LabelPattern = "^[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}[:;.][0-9]{1,2}$";

    /// <summary>
    /// Reads a position: a timecode label (absolute, converted with <see cref="Timecode.ToSamplesSinceMidnight"/> minus the
    /// start's value) or a whole number of samples from the start. Null (with a problem, unless the cause is a rate or start
    /// problem already recorded) when it cannot be converted or lies before the start.
    /// </summary>
    public long? ReadPosition(JsonElement value, string path, SessionProblemList problems, string what)
    {
        if (value.ValueKind == JsonValueKind.Number)
            return JsonObjectReader.ReadInteger(value, path, 0, $"{what} in samples from the session start (or a timecode string)", problems);
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(path, $"expected {what} as a timecode string \"hh:mm:ss:ff\" or whole samples from the session start, found {JsonObjectReader.Describe(value)}");
            return null;
        }
        if (Rate is null) return null;
        if (!TryReadLabel(value.GetString()!, Rate, out var tc, out string error))
        {
            problems.Add(path, $"bad timecode: {error}");
            return null;
        }
        if (SampleRate is not { } sr || Start is not { } start) return null;
        long samples = tc.ToSamplesSinceMidnight(sr) - start.ToSamplesSinceMidnight(sr);
        if (samples < 0)
        {
            problems.Add(path, $"{what} {tc} is before the session start {start}; expected a timecode at or after the start");
            return null;
        }
        return samples;
    }

    /// <summary>
    /// Parses a timecode label at <paramref name="rate"/>: ':' before the frames at any rate, ';' only at drop-frame rates;
    /// a dropped drop-frame label or a field out of range is an error naming the rule.
    /// </summary>
    public static bool TryReadLabel(string text, TimecodeRate rate, out Timecode timecode, out string error)
    {
        timecode = default;
        if (!Regex.IsMatch(text, LabelPattern))
        {
            error = $"'{text}' is not a timecode of the form hh:mm:ss:ff (expected hh:mm:ss:ff{(rate.DropFrame ? " or hh:mm:ss;ff" : "")} at {rate.Name})";
            return false;
        }
        if (!Timecode.TryParse(text, rate, out timecode, out error))
        {
            error += $" (expected hh:mm:ss:ff{(rate.DropFrame ? " or hh:mm:ss;ff" : "")} at {rate.Name})";
            return false;
        }
        if (!rate.DropFrame && text.Contains(';'))
        {
            error = $"'{text}' uses ';', which marks a drop-frame label, but {rate.Name} is not a drop-frame rate; write hh:mm:ss:ff";
            return false;
        }
        return true;
    }
}
