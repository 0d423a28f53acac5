using System.Diagnostics;

namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// Bounded-rate logging for control surfaces (OSC, MCU): at most one line per second per kind of event ("refused", "malformed",
/// ...); lines held back are counted and the count is added to the next line of that kind, so a flood of bad
/// messages costs one log line a second. Any thread (one lock).
/// </summary>
public sealed class SurfaceLogGate(Action<string, object?[]>? sink)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (long NextTicks, int Suppressed)> _kinds = [];

    /// <summary>Logs a warning of <paramref name="kind"/> unless one was logged in the last second.</summary>
    public void Warn(string kind, string template, params object?[] values) => Write(kind, template, values);

    /// <summary>Logs an information line of <paramref name="kind"/> unless one was logged in the last second.</summary>
    public void Info(string kind, string template, params object?[] values) => Write(kind, template, values);

    private void Write(string kind, string template, object?[] values)
    {
        if (sink is null) return;
        long now = Stopwatch.GetTimestamp();
        int suppressed;
        lock (_gate)
        {
            _kinds.TryGetValue(kind, out var state);
            if (now < state.NextTicks)
            {
                _kinds[kind] = state with { Suppressed = state.Suppressed + 1 };
                return;
            }
            suppressed = state.Suppressed;
            _kinds[kind] = (now + Stopwatch.Frequency, 0);
        }
        if (suppressed > 0) sink(template + " ({Suppressed} similar lines held back)", [.. values, suppressed]);
        else sink(template, values);
    }
}
