using MixEngine.ControlPlane;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Bundles whose time tag lies in the future, held until their time. While the transport rolls, a bundle's NTP time is
/// converted to a session sample position when it arrives (the transport snapshot's position plus the time to go at
/// the session rate) and it is applied once the published position reaches that sample, so it lands with the audio
/// clock rather than the system clock; when the transport is stopped (or stops or relocates before the sample is
/// reached) the system clock decides. Precision: the transport position is published once per block and the surface
/// checks every tick, so a bundle applies within one block plus one tick (128 frames at 48 kHz + 5 ms ≈ 8 ms) after
/// its time, and the set itself takes effect at the next block boundary. Late bundles (time already past) apply at once.
/// <para>Thread rules: <see cref="TryQueue"/> on receive threads, <see cref="TakeDue"/> on the surface's tick thread;
/// one lock. Holds at most the configured number of bundles; further ones are refused (counted).</para>
/// </summary>
public sealed class OscBundleSchedule(int sampleRate, int capacity)
{
    private readonly object _gate = new();
    private readonly List<Entry> _waiting = [];
    private readonly List<(OscBundle, OscSurfaceClient)> _due = [];
    private long _applied, _refused;

    /// <summary>Bundles waiting; any thread.</summary>
    public int Count
    {
        get { lock (_gate) return _waiting.Count; }
    }

    /// <summary>Bundles applied from the schedule so far; any thread.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Bundles refused because the schedule was full; any thread.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Queues <paramref name="bundle"/> when its time is after <paramref name="utcNow"/>; false when it is due already
    /// (apply it now). Throws <see cref="OscCommandException"/> when the schedule is full. Receive threads.
    /// </summary>
    internal bool TryQueue(OscBundle bundle, OscSurfaceClient client, DateTime utcNow, TransportSnapshot transport)
    {
        var due = bundle.Time.ToDateTime();
        if (due <= utcNow) return false;
        long sample = transport.State == TransportState.Stopped
            ? -1
            : transport.Position + (long)Math.Round((due - utcNow).TotalSeconds * sampleRate);
        lock (_gate)
        {
            if (_waiting.Count >= capacity)
            {
                Interlocked.Increment(ref _refused);
                throw new OscCommandException("#bundle", $"{capacity} bundles already wait for their time tags; expected fewer future bundles (or time tag 1 = immediately)");
            }
            _waiting.Add(new Entry(bundle, client, due, sample, transport.Position));
        }
        return true;
    }

    /// <summary>Removes and returns the bundles due at <paramref name="utcNow"/> and <paramref name="transport"/>, in time order; the list is reused by the next call. Tick thread.</summary>
    internal IReadOnlyList<(OscBundle Bundle, OscSurfaceClient Client)> TakeDue(DateTime utcNow, TransportSnapshot transport)
    {
        _due.Clear();
        lock (_gate)
        {
            if (_waiting.Count == 0) return _due;
            _waiting.Sort((a, b) => a.Due.CompareTo(b.Due));
            for (int i = 0; i < _waiting.Count; i++)
            {
                var e = _waiting[i];
                if (!IsDue(e, utcNow, transport)) continue;
                _due.Add((e.Bundle, e.Client));
                _waiting.RemoveAt(i--);
            }
        }
        Interlocked.Add(ref _applied, _due.Count);
        return _due;
    }

    private static bool IsDue(Entry e, DateTime utcNow, TransportSnapshot transport)
    {
        bool rollingOnSchedule = e.Sample >= 0 && transport.State != TransportState.Stopped && transport.Position >= e.QueuedAt;
        return rollingOnSchedule ? transport.Position >= e.Sample : utcNow >= e.Due;
    }

    private readonly record struct Entry(OscBundle Bundle, OscSurfaceClient Client, DateTime Due, long Sample, long QueuedAt);
}
