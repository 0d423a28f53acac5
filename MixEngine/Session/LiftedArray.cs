using System.Text.Json;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// One point array <see cref="LiftedPoints"/> lifts out of a session's text: lane <see cref="Lane"/>'s main curve or trim
/// curve (<see cref="Trim"/>), from its '[' at <see cref="Start"/> to just past its first ']' (<see cref="End"/>), and
/// once read, its points. A plain point holds no ']' (<see cref="PointArrayScanner"/>), nor does any point the token
/// reader accepts (an object of numbers and short strings), so an array of points ends at its first ']'; one that does
/// not is neither scanned nor read, and the lift is abandoned. Control side: made by one thread, read by one or two
/// (<see cref="TryReadAll"/>), then by the caller again.
/// </summary>
internal sealed class LiftedArray(int lane, bool trim, int start, int end)
{
    /// <summary>Index of the lane in the session's lanes.</summary>
    public int Lane { get; } = lane;

    /// <summary>True for the lane's trim curve, false for its main curve.</summary>
    public bool Trim { get; } = trim;

    /// <summary>Text index of the array's '['.</summary>
    public int Start { get; } = start;

    /// <summary>Text index just past the array's ']'.</summary>
    public int End { get; } = end;

    /// <summary>The points, once <see cref="TryReadAll"/> read them.</summary>
    public AutomationPoint[]? Points { get; private set; }

    /// <summary>
    /// Reads the points of every array of <paramref name="arrays"/> (in text order) from <paramref name="utf8"/>: false
    /// when one is not an array of points. When the arrays hold <paramref name="parallelBytes"/> or more in all, a
    /// thread-pool task takes arrays from the same queue as the calling thread, so two cores share the work; each array
    /// is read by one thread alone, and the points do not depend on which. Called by the control side.
    /// </summary>
    public static bool TryReadAll(byte[] utf8, List<LiftedArray> arrays, int parallelBytes)
    {
        long bytes = 0;
        foreach (var a in arrays) bytes += a.End - a.Start;
        var queue = new WorkQueue(utf8, arrays);
        if (bytes < parallelBytes || Environment.ProcessorCount < 2) return queue.Drain();
        var helper = Task.Run(queue.Drain);
        bool mine = queue.Drain();
        return helper.GetAwaiter().GetResult() && mine;
    }

    // Arrays handed out one at a time to whichever thread asks; a failure stops both threads early.
    private sealed class WorkQueue(byte[] utf8, List<LiftedArray> arrays)
    {
        private int _next = -1;
        private volatile bool _failed;

        public bool Drain()
        {
            int k;
            while (!_failed && (k = Interlocked.Increment(ref _next)) < arrays.Count)
                if (!arrays[k].TryRead(utf8)) _failed = true;
            return !_failed;
        }
    }

    // Scans the array (PointArrayScanner); an array in another form is read token by token, as a JSON value of its own.
    private bool TryRead(byte[] utf8)
    {
        var text = utf8.AsSpan(Start, End - Start);
        if (PointArrayScanner.TryScan(text[1..], out var scanned, out int close) && close == text.Length - 2)
        {
            Points = scanned;
            return true;
        }
        try
        {
            var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
            var points = new List<AutomationPoint>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!TryReadPoint(ref reader, out var point)) return false;
                points.Add(point);
            }
            if (reader.TokenType != JsonTokenType.EndArray || reader.BytesConsumed != text.Length) return false;
            Points = points.ToArray();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A point object of position, value and an optional shape, each once; reader on its StartObject, left on its EndObject.
    private static bool TryReadPoint(ref Utf8JsonReader reader, out AutomationPoint point)
    {
        point = default;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        long position = -1;
        double value = double.NaN;
        var shape = LiftedPoints.NoShape;
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
        point = new AutomationPoint(position, value, shape);
        return true;
    }

    // As JsonObjectReader.TryGetWhole on the reader's number token.
    private static bool TryGetWhole(ref Utf8JsonReader reader, out long n)
    {
        n = 0;
        if (reader.TokenType != JsonTokenType.Number) return false;
        if (reader.TryGetInt64(out n)) return true;
        if (!reader.TryGetDouble(out double d) || d != Math.Floor(d) || Math.Abs(d) > 9.007199254740992e15) return false;
        n = (long)d;
        return true;
    }
}
