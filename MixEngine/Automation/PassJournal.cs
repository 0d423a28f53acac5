using System.Globalization;
using System.Text;
using System.Text.Json;
using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>
/// Keeps a pass in progress on disk (docs/automation.md, Journal): every event the recorder takes is appended as one
/// JSON line to the journal file and flushed to disk at most <see cref="FlushInterval"/> after it was taken (by the next
/// event or by a timer), so a crash loses at most that much of a pass. <see cref="Replay"/> feeds a journal back through
/// a recorder, ending an unfinished pass at its last journaled position. Thread rules: the recorder's control thread
/// writes; the timer flushes under the same lock; never on the audio thread.
/// </summary>
public sealed class PassJournal : IPassJournal, IDisposable
{
    /// <summary>Longest time between taking an event and having it on disk.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private bool _dirty, _disposed;
    private const int MaxAddresses = 65_536;
    private readonly Dictionary<ParameterAddress, string> _addressJson = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates (or appends to) the journal at <paramref name="path"/>; control side.</summary>
    public PassJournal(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(_file, new UTF8Encoding(false));
        _timer = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The journal of a session file: the session path with <c>.journal</c> appended.</summary>
    public static string For(string sessionPath) => System.IO.Path.GetFullPath(sessionPath) + ".journal";

    /// <inheritdoc />
    public void Mode(string targetOrAddress, AutomationModeSetting? mode) =>
        Line($"{{\"event\":\"mode\",\"position\":0,\"target\":{JsonSerializer.Serialize(targetOrAddress)},\"mode\":{(mode is { } m ? $"\"{m}\"" : "null")}}}");

    /// <inheritdoc />
    public void Begin(long position) => Line($"{{\"event\":\"begin\",\"position\":{position}}}");

    /// <inheritdoc />
    public void Move(in ControlMove move)
    {
        string kind = move.Kind switch
        {
            ControlMoveKind.TouchBegin => "touch",
            ControlMoveKind.TouchEnd => "release",
            _ => "value",
        };
        // Written piece by piece with the address's JSON text kept: a served pass journals every move for as long as it
        // plays, and a line built as one string per move was most of the control side's garbage (docs/realtime.md, GC).
        Span<char> number = stackalloc char[32];
        lock (_gate)
        {
            _writer.Write("{\"event\":\"move\",\"position\":");
            _writer.Write(Invariant(move.Position, number));
            _writer.Write(",\"address\":");
            _writer.Write(AddressJson(move.Address));
            _writer.Write(",\"kind\":\"");
            _writer.Write(kind);
            _writer.Write("\",\"value\":");
            if (double.IsNegativeInfinity(move.Value) || double.IsNaN(move.Value)) _writer.Write(Number(move.Value));
            else _writer.Write(number[..(move.Value.TryFormat(number, out int length, "R", CultureInfo.InvariantCulture) ? length : 0)]);
            _writer.Write(",\"client\":");
            _writer.Write(Invariant(move.Client, number));
            _writer.Write("}\n");
            _dirty = true;
        }
    }

    /// <inheritdoc />
    public void Jump(long from, long to) => Line($"{{\"event\":\"jump\",\"position\":{from},\"to\":{to}}}");

    /// <inheritdoc />
    public void WriteTo(WriteTarget target, long position, long? selectionStart, long? selectionEnd) =>
        Line($"{{\"event\":\"writeTo\",\"position\":{position},\"target\":\"{target}\",\"selectionStart\":{(selectionStart?.ToString(CultureInfo.InvariantCulture) ?? "null")},\"selectionEnd\":{(selectionEnd?.ToString(CultureInfo.InvariantCulture) ?? "null")}}}");

    /// <inheritdoc />
    public void PreviewCapture(PreviewCaptureAction action, long position, bool flag, IReadOnlyList<string>? targets) =>
        Line($"{{\"event\":\"{JsonNamingPolicy.CamelCase.ConvertName(action.ToString())}\",\"position\":{position},\"flag\":{(flag ? "true" : "false")},\"targets\":{(targets is null ? "null" : JsonSerializer.Serialize(targets))}}}");

    /// <inheritdoc />
    public void End(long position)
    {
        Line($"{{\"event\":\"end\",\"position\":{position}}}");
        Flush();
    }

    /// <summary>Writes what is buffered to disk now; any thread.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_dirty || _disposed) return;
            _writer.Flush();
            _file.Flush(flushToDisk: true);
            _dirty = false;
        }
    }

    /// <summary>Flushes and closes the journal (the file stays until the session is saved).</summary>
    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        lock (_gate)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    /// <summary>
    /// Replays the journal at <paramref name="path"/> through <paramref name="recorder"/> (the same calls a live pass
    /// makes); a pass without its end line is ended at its last journaled position; an incomplete last line (cut by a
    /// crash) is skipped. Returns the result of every pass replayed. Throws <see cref="InvalidDataException"/> naming the
    /// file and line of any other unreadable line.
    /// </summary>
    public static IReadOnlyList<PassResult> Replay(string path, AutomationRecorder recorder)
    {
        var results = new List<PassResult>();
        var lines = File.ReadAllLines(path);
        long last = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                break;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {i + 1} is not a journal entry: {e.Message}");
            }
            using (doc)
            {
                var e = doc.RootElement;
                long position = e.GetProperty("position").GetInt64();
                last = Math.Max(last, position);
                switch (e.GetProperty("event").GetString())
                {
                    case "mode":
                        var mode = e.GetProperty("mode");
                        recorder.SetMode(e.GetProperty("target").GetString()!,
                            mode.ValueKind == JsonValueKind.Null ? null : AutomationModeSetting.TryParse(mode.GetString()!, out var m) ? m
                            : throw new InvalidDataException($"{path}: line {i + 1} has unknown mode {mode.GetRawText()}"));
                        break;
                    case "begin":
                        recorder.BeginPass(position);
                        break;
                    case "move":
                        var kind = e.GetProperty("kind").GetString() switch
                        {
                            "touch" => ControlMoveKind.TouchBegin,
                            "release" => ControlMoveKind.TouchEnd,
                            _ => ControlMoveKind.Value,
                        };
                        var value = e.GetProperty("value");
                        double v = value.ValueKind switch
                        {
                            JsonValueKind.String => double.NegativeInfinity,
                            JsonValueKind.Null => double.NaN,
                            _ => value.GetDouble(),
                        };
                        recorder.OnControlMove(new ControlMove(position, ParameterAddress.Parse(e.GetProperty("address").GetString()!), kind, v, e.GetProperty("client").GetInt32()));
                        break;
                    case "jump":
                        recorder.Jump(position, e.GetProperty("to").GetInt64());
                        break;
                    case "writeTo":
                        recorder.WriteTo(Enum.Parse<WriteTarget>(e.GetProperty("target").GetString()!), position,
                            e.GetProperty("selectionStart").ValueKind == JsonValueKind.Null ? null : e.GetProperty("selectionStart").GetInt64(),
                            e.GetProperty("selectionEnd").ValueKind == JsonValueKind.Null ? null : e.GetProperty("selectionEnd").GetInt64());
                        break;
                    case "end":
                        results.Add(recorder.EndPass(position));
                        break;
                    case "preview":
                        recorder.SetPreview(e.GetProperty("flag").GetBoolean(), position);
                        break;
                    case "suspend":
                        recorder.SuspendPreview(e.GetProperty("flag").GetBoolean(), position);
                        break;
                    case "punchPreview":
                        recorder.PunchPreview(position);
                        break;
                    case "capture":
                        recorder.Capture(position);
                        break;
                    case "punchCapture":
                        var targets = e.GetProperty("targets");
                        recorder.PunchCapture(position, e.GetProperty("flag").GetBoolean(),
                            targets.ValueKind == JsonValueKind.Null ? null : targets.EnumerateArray().Select(t => t.GetString()!).ToArray());
                        break;
                    default:
                        throw new InvalidDataException($"{path}: line {i + 1} has unknown event {e.GetProperty("event").GetRawText()}");
                }
            }
        }
        if (recorder.PassRunning) results.Add(recorder.EndPass(last));
        return results;
    }

    private void Line(string text)
    {
        lock (_gate)
        {
            _writer.Write(text);
            _writer.Write('\n');
            _dirty = true;
        }
    }

    private static ReadOnlySpan<char> Invariant(long value, Span<char> buffer) =>
        buffer[..(value.TryFormat(buffer, out int length, provider: CultureInfo.InvariantCulture) ? length : 0)];

    /// <summary>The JSON string of <paramref name="address"/>, built once per address object (moves carry their descriptor's); under the lock.</summary>
    private string AddressJson(ParameterAddress address)
    {
        if (_addressJson.TryGetValue(address, out string? json)) return json;
        if (_addressJson.Count >= MaxAddresses) _addressJson.Clear();
        return _addressJson[address] = JsonSerializer.Serialize(address.ToString());
    }

    private static string Number(double v) =>
        double.IsNegativeInfinity(v) ? "\"-inf\"" : double.IsNaN(v) ? "null" : v.ToString("R", CultureInfo.InvariantCulture);
}
