using System.Globalization;
using MixEngine.Offline;
using MixEngine.Session;

namespace MixEngine.Server.Cli;

/// <summary>
/// The part of the timeline a render prints, in samples from the session start: <see cref="Start"/> inclusive,
/// <see cref="End"/> exclusive. Parsed from the <c>--range</c> option once the session (and so its rate and start)
/// is known. Immutable; control side.
/// </summary>
/// <param name="Start">First timeline sample printed.</param>
/// <param name="End">Timeline sample just after the last one printed.</param>
public readonly record struct RenderRange(long Start, long End)
{
    /// <summary>Number of samples printed.</summary>
    public long Length => End - Start;

    /// <summary>The session's whole timeline: from its start to its end (the explicit end, or the end of the last clip).</summary>
    public static RenderRange WholeSession(MixSession session) => new(0, RenderRequest.SessionLength(session));

    /// <summary>
    /// Parses <c>START-END</c>, where each side is an absolute timecode label at the session's rate (01:00:10:00, or
    /// 01:00:10;00 in drop-frame) or a sample count from the session start; the end label is exclusive. Returns false
    /// with a message naming <c>--range</c> when the text is malformed, the end is not after the start, or the range
    /// leaves the session.
    /// </summary>
    public static bool TryParse(string text, MixSession session, out RenderRange range, out string error)
    {
        range = default;
        var sides = text.Split('-');
        if (sides.Length != 2 || sides[0].Trim().Length == 0 || sides[1].Trim().Length == 0)
        {
            error = $"--range: '{text}' is not START-END (two timecodes such as 01:00:10:00-01:00:20:00, or two sample numbers)";
            return false;
        }
        if (!TryParseSide(sides[0], "start", session, out long start, out error)
            || !TryParseSide(sides[1], "end", session, out long end, out error))
            return false;

        long sessionEnd = RenderRequest.SessionLength(session);
        if (end <= start)
        {
            error = $"--range: the end ({sides[1].Trim()}) must be after the start ({sides[0].Trim()})";
            return false;
        }
        if (end > sessionEnd)
        {
            error = $"--range: the end ({sides[1].Trim()}, sample {end}) is past the session end " +
                    $"({Label(session, sessionEnd)}, sample {sessionEnd})";
            return false;
        }
        range = new RenderRange(start, end);
        error = "";
        return true;
    }

    /// <summary>The absolute timecode label of timeline sample <paramref name="sample"/> (the frame containing it).</summary>
    public static string Label(MixSession session, long sample) =>
        Timecode.FromSamplesSinceMidnight(session.StartSamplesSinceMidnight + sample, session.SampleRate, session.TimecodeRate).ToString();

    private static bool TryParseSide(string side, string which, MixSession session, out long sample, out string error)
    {
        side = side.Trim();
        error = "";
        if (side.All(char.IsAsciiDigit))
        {
            if (long.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out sample)) return true;
            error = $"--range: the {which} '{side}' is too large a sample number";
            return false;
        }
        if (!Timecode.TryParse(side, session.TimecodeRate, out var label, out string reason))
        {
            sample = 0;
            error = $"--range: the {which} is neither a sample number nor a {session.TimecodeRate.Name} timecode: {reason}";
            return false;
        }
        sample = label.ToSamplesSinceMidnight(session.SampleRate) - session.StartSamplesSinceMidnight;
        if (sample < 0)
        {
            error = $"--range: the {which} {side} is before the session start {session.Start}";
            return false;
        }
        return true;
    }
}
