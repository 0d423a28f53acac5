using System.Text.Json;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// The fast way through a session with dense automation: before the document is built, the UTF-8 text's point arrays
/// are lifted out of it: one forward pass over its structure lists every lane's <c>points</c> and <c>trim</c> array
/// (<c>$.automation.lanes[i].points</c>) without reading their content (<see cref="LiftedArray"/>), then the arrays are
/// read, on two threads when they are large, and lifted when each of
/// its points is a plain object of a whole <c>position</c>, a number <c>value</c> and an optional known <c>shape</c>;
/// an empty array is left in each one's place, so the JSON document holds the structure without hundreds of thousands of
/// small objects. <see cref="AutomationReader"/> then takes the lifted points and checks them against the parameter as
/// it checks the document's (range, switch values and shapes, ascending positions). Anything unusual (a syntax error, a
/// point of another form, a repeated field) leaves the text to the ordinary reader, and a lifted point the parameter
/// rejects marks the lift <see cref="Rejected"/>, so <see cref="SessionReader"/> reads the original text again and
/// reports every problem with its path exactly as without the lift. Control side.
/// </summary>
internal sealed class LiftedPoints
{
    /// <summary>Total bytes of point arrays from which <see cref="TryLift(byte[], out byte[], out LiftedPoints)"/> scans them on two threads.</summary>
    public const int ParallelBytes = 1 << 20;

    private readonly AutomationPoint[]?[] _main, _trim;

    private LiftedPoints(AutomationPoint[]?[] main, AutomationPoint[]?[] trim) => (_main, _trim) = (main, trim);

    /// <summary>
    /// The shape of a lifted point written without one (not a <see cref="SegmentShape"/>): the reader gives it its
    /// parameter's default, step for a switch and linear otherwise.
    /// </summary>
    public const SegmentShape NoShape = (SegmentShape)(-1);

    /// <summary>True once a lifted point failed the parameter's checks: the caller reads the original text instead.</summary>
    public bool Rejected { get; private set; }

    /// <summary>
    /// The lifted points of lane <paramref name="lane"/>'s trim curve (<paramref name="trim"/>) or main curve as written
    /// (position, the number's double, the shape or <see cref="NoShape"/>), or null when that array stayed in the
    /// document. The reader may complete the array in place into its curve's points.
    /// </summary>
    public AutomationPoint[]? Of(int lane, bool trim)
    {
        var arrays = trim ? _trim : _main;
        return lane < arrays.Length ? arrays[lane] : null;
    }

    /// <summary>Records that a lifted point is not acceptable for its parameter.</summary>
    public void Reject() => Rejected = true;

    /// <summary>
    /// Lifts the point arrays out of the UTF-8 text <paramref name="utf8"/> (only read): true with the reduced text and
    /// the points when at least one array was lifted; false (use the text as it is) when none was or the text is not
    /// plain strict JSON. Arrays of <see cref="ParallelBytes"/> or more in all are scanned on two threads.
    /// </summary>
    public static bool TryLift(byte[] utf8, out byte[] reduced, out LiftedPoints lifted) => TryLift(utf8, ParallelBytes, out reduced, out lifted);

    /// <summary>
    /// As <see cref="TryLift(byte[], out byte[], out LiftedPoints)"/>, scanning on two threads when the arrays hold
    /// <paramref name="parallelBytes"/> or more in all (tests compare both ways).
    /// </summary>
    public static bool TryLift(byte[] utf8, int parallelBytes, out byte[] reduced, out LiftedPoints lifted)
    {
        reduced = [];
        lifted = null!;
        var arrays = new List<LiftedArray>();
        if (!TryFindArrays(utf8, arrays) || arrays.Count == 0) return false;
        if (!LiftedArray.TryReadAll(utf8, arrays, parallelBytes)) return false;
        int lanes = arrays[^1].Lane + 1;
        AutomationPoint[]?[] main = new AutomationPoint[lanes][], trim = new AutomationPoint[lanes][];
        foreach (var a in arrays) (a.Trim ? trim : main)[a.Lane] = a.Points;
        reduced = Reduce(utf8, arrays);
        lifted = new LiftedPoints(main, trim);
        return true;
    }

    // The first pass: walks the text's structure and lists the lanes' point arrays, each from its '[' to the first ']'
    // after it (where a plain point array ends: LiftedArray), stepping over their content; false when the text is not
    // plain strict JSON as far as this pass reads it, or a lane repeats its points or trim.
    private static bool TryFindArrays(byte[] utf8, List<LiftedArray> arrays)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            int origin = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool automation = reader.ValueTextEquals("automation");
                reader.Read();
                if (automation && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!FindInSection(ref reader, ref origin, utf8, arrays)) return false;
                }
                else reader.Skip();
            }
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read(); // nothing after the root value
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The automation object, reader on its StartObject: lists the lanes' arrays; false on a repeated "lanes". `origin`
    // is where the reader's span starts in the text (an array's content is stepped over by a new reader that starts at
    // its closing bracket).
    private static bool FindInSection(ref Utf8JsonReader reader, ref int origin, byte[] utf8, List<LiftedArray> arrays)
    {
        bool seen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool lanes = reader.ValueTextEquals("lanes");
            reader.Read();
            if (!lanes || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            if (seen) return false;
            seen = true;
            int index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject && !FindInLane(ref reader, ref origin, index, utf8, arrays)) return false;
                else if (reader.TokenType != JsonTokenType.StartObject) reader.Skip();
                index++;
            }
        }
        return true;
    }

    // One lane object, reader on its StartObject; false on a repeated points or trim field or an array with no ']'. The
    // reader continues from the array's first ']' with the state it had at the opening '[', so it tokenises "[]".
    private static bool FindInLane(ref Utf8JsonReader reader, ref int origin, int lane, byte[] utf8, List<LiftedArray> arrays)
    {
        bool hasPoints = false, hasTrim = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool points = reader.ValueTextEquals("points"), trim = reader.ValueTextEquals("trim");
            reader.Read();
            if (!(points || trim) || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            if (trim ? hasTrim : hasPoints) return false;
            (hasTrim, hasPoints) = (hasTrim || trim, hasPoints || points);
            int start = origin + (int)reader.TokenStartIndex;
            int open = origin + (int)reader.BytesConsumed;
            int close = utf8.AsSpan(open).IndexOf((byte)']');
            if (close < 0) return false;
            origin = open + close;
            reader = new Utf8JsonReader(utf8.AsSpan(origin), isFinalBlock: true, reader.CurrentState);
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
            arrays.Add(new LiftedArray(lane, trim, start, origin + 1));
        }
        return true;
    }

    // The text with every lifted array replaced by [].
    private static byte[] Reduce(byte[] utf8, List<LiftedArray> arrays)
    {
        long removed = 0;
        foreach (var a in arrays) removed += a.End - a.Start - 2;
        var result = new byte[utf8.Length - removed];
        int from = 0, to = 0;
        foreach (var a in arrays)
        {
            int length = a.Start - from;
            Array.Copy(utf8, from, result, to, length);
            to += length;
            result[to++] = (byte)'[';
            result[to++] = (byte)']';
            from = a.End;
        }
        Array.Copy(utf8, from, result, to, utf8.Length - from);
        return result;
    }
}
