using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// The fast way through a session with dense automation: before the document is built, one forward pass over the UTF-8
/// text lifts every lane's <c>points</c> and <c>trim</c> array out (<c>$.automation.lanes[i].points</c>) when each of
/// its points is a plain object of a whole <c>position</c>, a number <c>value</c> and an optional known <c>shape</c>,
/// and leaves an empty array in its place, so the JSON document holds the structure without hundreds of thousands of
/// small objects. <see cref="AutomationReader"/> then takes the lifted points and checks them against the parameter as
/// it checks the document's (range, switch values and shapes, ascending positions). Anything unusual (a syntax error, a
/// point of another form, a repeated field) leaves the text to the ordinary reader, and a lifted point the parameter
/// rejects marks the lift <see cref="Rejected"/>, so <see cref="SessionReader"/> reads the original text again and
/// reports every problem with its path exactly as without the lift. Control side.
/// </summary>
internal sealed class LiftedPoints
{
    private readonly Dictionary<(int Lane, bool Trim), Point[]> _arrays;

    private LiftedPoints(Dictionary<(int, bool), Point[]> arrays) => _arrays = arrays;

    /// <summary>One lifted point as written: position, the value (and its whole-number reading for switches), the shape if given.</summary>
    public readonly record struct Point(long Position, double Value, long? Whole, SegmentShape? Shape);

    /// <summary>True once a lifted point failed the parameter's checks: the caller reads the original text instead.</summary>
    public bool Rejected { get; private set; }

    /// <summary>The lifted points of lane <paramref name="lane"/>'s trim curve (<paramref name="trim"/>) or main curve, or null when that array stayed in the document.</summary>
    public Point[]? Of(int lane, bool trim) => _arrays.GetValueOrDefault((lane, trim));

    /// <summary>Records that a lifted point is not acceptable for its parameter.</summary>
    public void Reject() => Rejected = true;

    /// <summary>
    /// Lifts the point arrays out of <paramref name="json"/>: true with the reduced text and the points when at least one
    /// array was lifted; false (use the text as it is) when none was or the text is not plain strict JSON.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one pass over every point of the file: compiled optimized at once, not first as tier-0 code
    public static bool TryLift(string json, out byte[] reduced, out LiftedPoints lifted)
    {
        reduced = [];
        lifted = null!;
        var utf8 = Encoding.UTF8.GetBytes(json);
        var arrays = new Dictionary<(int, bool), Point[]>();
        var cuts = new List<(long Start, long End)>();
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool automation = reader.ValueTextEquals("automation");
                reader.Read();
                if (automation && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!LiftSection(ref reader, arrays, cuts)) return false;
                }
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false; // anything after the root value
        }
        catch (JsonException)
        {
            return false;
        }
        if (cuts.Count == 0) return false;
        reduced = Reduce(utf8, cuts);
        lifted = new LiftedPoints(arrays);
        return true;
    }

    // The automation object, reader on its StartObject: lifts the lanes' arrays; false on a repeated "lanes".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LiftSection(ref Utf8JsonReader reader, Dictionary<(int, bool), Point[]> arrays, List<(long, long)> cuts)
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
                if (reader.TokenType == JsonTokenType.StartObject && !LiftLane(ref reader, index, arrays, cuts)) return false;
                else if (reader.TokenType != JsonTokenType.StartObject) reader.Skip();
                index++;
            }
        }
        return true;
    }

    // One lane object, reader on its StartObject; false on a repeated points or trim field.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LiftLane(ref Utf8JsonReader reader, int lane, Dictionary<(int, bool), Point[]> arrays, List<(long, long)> cuts)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool points = reader.ValueTextEquals("points"), trim = reader.ValueTextEquals("trim");
            reader.Read();
            if (!(points || trim) || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            if (arrays.ContainsKey((lane, trim))) return false;
            long start = reader.TokenStartIndex;
            var list = new List<Point>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!TryReadPoint(ref reader, out var point)) return false;
                list.Add(point);
            }
            arrays[(lane, trim)] = list.ToArray();
            cuts.Add((start, reader.BytesConsumed));
        }
        return true;
    }

    // A point object of position, value and an optional shape, each once; reader on its StartObject, left on its EndObject.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadPoint(ref Utf8JsonReader reader, out Point point)
    {
        point = default;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        long position = -1;
        double value = double.NaN;
        long? whole = null;
        SegmentShape? shape = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = reader.ValueTextEquals("position") ? 1 : reader.ValueTextEquals("value") ? 2 : reader.ValueTextEquals("shape") ? 4 : 0;
            if (field == 0 || (seen & field) != 0 || !reader.Read()) return false;
            seen |= field;
            if (field == 1)
            {
                if (!TryGetWhole(ref reader, out position) || position < 0) return false;
            }
            else if (field == 2)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out value) || !double.IsFinite(value)) return false;
                if (TryGetWhole(ref reader, out long w)) whole = w;
            }
            else
            {
                if (reader.TokenType != JsonTokenType.String) return false;
                if (reader.ValueTextEquals("linear")) shape = SegmentShape.Linear;
                else if (reader.ValueTextEquals("step")) shape = SegmentShape.Step;
                else if (reader.ValueTextEquals("sCurve")) shape = SegmentShape.SCurve;
                else return false;
            }
        }
        if ((seen & 3) != 3) return false;
        point = new Point(position, value, whole, shape);
        return true;
    }

    // As JsonObjectReader.TryGetWhole on the reader's number token.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryGetWhole(ref Utf8JsonReader reader, out long n)
    {
        n = 0;
        if (reader.TokenType != JsonTokenType.Number) return false;
        if (reader.TryGetInt64(out n)) return true;
        if (!reader.TryGetDouble(out double d) || d != Math.Floor(d) || Math.Abs(d) > 9.007199254740992e15) return false;
        n = (long)d;
        return true;
    }

    // The text with every lifted array replaced by [].
    private static byte[] Reduce(byte[] utf8, List<(long Start, long End)> cuts)
    {
        long removed = 0;
        foreach (var (s, e) in cuts) removed += e - s - 2;
        var result = new byte[utf8.Length - removed];
        int from = 0, to = 0;
        foreach (var (s, e) in cuts)
        {
            int length = (int)s - from;
            Array.Copy(utf8, from, result, to, length);
            to += length;
            result[to++] = (byte)'[';
            result[to++] = (byte)']';
            from = (int)e;
        }
        Array.Copy(utf8, from, result, to, utf8.Length - from);
        return result;
    }
}
