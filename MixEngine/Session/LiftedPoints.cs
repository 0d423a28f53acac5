using System.Runtime.CompilerServices;
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
    /// Lifts the point arrays out of the UTF-8 text <paramref name="utf8"/> (only read): true with the reduced text and
    /// the points when at least one array was lifted; false (use the text as it is) when none was or the text is not
    /// plain strict JSON.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one pass over every point of the file: compiled optimized at once, not first as tier-0 code
    public static bool TryLift(byte[] utf8, out byte[] reduced, out LiftedPoints lifted)
    {
        reduced = [];
        lifted = null!;
        var scan = new Scan(utf8);
        try
        {
            var reader = new Utf8JsonReader(scan.Utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool automation = reader.ValueTextEquals("automation");
                reader.Read();
                if (automation && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!LiftSection(ref reader, scan)) return false;
                }
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false; // anything after the root value
        }
        catch (JsonException)
        {
            return false;
        }
        if (scan.Cuts.Count == 0) return false;
        reduced = Reduce(scan.Utf8, scan.Cuts);
        lifted = new LiftedPoints(scan.Arrays);
        return true;
    }

    // The text being lifted, where the current reader's span starts in it (a point array scanned by PointArrayScanner is
    // stepped over by a new reader that starts at its closing bracket), what was lifted and where it was cut.
    private sealed class Scan(byte[] utf8)
    {
        public readonly byte[] Utf8 = utf8;
        public readonly Dictionary<(int, bool), Point[]> Arrays = [];
        public readonly List<(long Start, long End)> Cuts = [];
        public readonly List<Point> Points = [];
        public long Origin;
    }

    // The automation object, reader on its StartObject: lifts the lanes' arrays; false on a repeated "lanes".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LiftSection(ref Utf8JsonReader reader, Scan scan)
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
                if (reader.TokenType == JsonTokenType.StartObject && !LiftLane(ref reader, index, scan)) return false;
                else if (reader.TokenType != JsonTokenType.StartObject) reader.Skip();
                index++;
            }
        }
        return true;
    }

    // One lane object, reader on its StartObject; false on a repeated points or trim field. An array of plain points is
    // scanned from the bytes (PointArrayScanner) and the reader continues from its closing bracket with the state it had at
    // the opening one, so it tokenises "[]"; any other array is read token by token.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LiftLane(ref Utf8JsonReader reader, int lane, Scan scan)
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
            if (scan.Arrays.ContainsKey((lane, trim))) return false;
            long start = scan.Origin + reader.TokenStartIndex;
            long open = scan.Origin + reader.BytesConsumed;
            var list = scan.Points;
            if (PointArrayScanner.TryScan(scan.Utf8.AsSpan((int)open), list, out int close))
            {
                scan.Origin = open + close;
                reader = new Utf8JsonReader(scan.Utf8.AsSpan((int)scan.Origin), isFinalBlock: true, reader.CurrentState);
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
            }
            else
            {
                list.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TryReadPoint(ref reader, out var point)) return false;
                    list.Add(point);
                }
            }
            scan.Arrays[(lane, trim)] = list.ToArray();
            scan.Cuts.Add((start, scan.Origin + reader.BytesConsumed));
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
