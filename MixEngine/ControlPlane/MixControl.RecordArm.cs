using MixEngine.Session;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    private readonly object _armGate = new();
    private readonly HashSet<string> _armedBusIds = new(StringComparer.Ordinal);
    private RecordArmState? _armState;
    private long _armVersion;
    private ControlClientId _armChangedBy = ControlClientId.None;

    /// <inheritdoc/>
    public RecordArmState RecordArm
    {
        get
        {
            lock (_armGate) return ArmState();
        }
    }

    /// <summary>The arms as last changed by a client, or null before the first change (the hub polls it without allocating).</summary>
    internal RecordArmState? PublishedRecordArm => Volatile.Read(ref _armState);

    /// <inheritdoc/>
    public void SetRecordArm(ControlClientId client, string strip, bool armed)
    {
        ArgumentException.ThrowIfNullOrEmpty(strip);
        _clients.Check(client);
        string canonical = Strip(strip);
        var session = Session;
        string busId = ArmableBusId(session, canonical);
        lock (_armGate)
        {
            bool changed = armed ? _armedBusIds.Add(busId) : _armedBusIds.Remove(busId);
            if (!changed) return;
            _armVersion++;
            _armChangedBy = client;
            Volatile.Write(ref _armState, ArmState());
        }
    }

    /// <summary>The ids of the armed buses the current session prints (what the next record-print take writes when any).</summary>
    private IReadOnlyCollection<string> ArmedPrintBuses()
    {
        var session = Session;
        lock (_armGate) return [.. Printed(session).Where(b => _armedBusIds.Contains(b.Id)).Select(b => b.Id)];
    }

    /// <summary>The arms against the current session (a bus no longer printed shows as not armed); under <see cref="_armGate"/>.</summary>
    private RecordArmState ArmState()
    {
        var printed = Printed(Session);
        return new RecordArmState([.. printed.Where(b => _armedBusIds.Contains(b.Id)).Select(b => $"bus/{b.Name}")],
            [.. printed.Select(b => $"bus/{b.Name}")], _armChangedBy, _armVersion);
    }

    private static IEnumerable<Bus> Printed(MixSession session) => session.Buses.Where(b => session.Outputs.Any(o => o.Bus == b.Id));

    /// <summary>The id of the printed bus <paramref name="canonical"/> names; throws <see cref="ArgumentException"/> for anything that cannot be armed.</summary>
    private static string ArmableBusId(MixSession session, string canonical)
    {
        int slash = canonical.IndexOf('/');
        string scope = canonical[..slash], name = canonical[(slash + 1)..];
        if (scope == "bus")
        {
            var bus = session.Buses.First(b => b.Name == name);
            if (session.Outputs.Any(o => o.Bus == bus.Id)) return bus.Id;
            throw new ArgumentException($"record arm: {canonical} is not printed, so there is nothing to record on it; armable: {Armable(session)}", nameof(canonical));
        }
        if (scope == "track")
        {
            var track = session.Tracks.First(t => t.Name == name);
            string feeds = PrintedBusFed(session, track.Output) is { } bus ? $"; arm the printed bus it feeds, bus/{bus.Name}" : $"; armable: {Armable(session)}";
            throw new ArgumentException($"record arm: {canonical} is a playback track with no input to record; MixEngine records its prints{feeds}", nameof(canonical));
        }
        throw new ArgumentException($"record arm: {canonical} is a VCA and carries no audio to record; armable: {Armable(session)}", nameof(canonical));
    }

    /// <summary>The first printed bus on the output chain starting at bus <paramref name="busId"/>, or null.</summary>
    private static Bus? PrintedBusFed(MixSession session, string? busId)
    {
        for (int hops = 0; busId is not null && hops <= session.Buses.Count; hops++)
        {
            var bus = session.Buses.FirstOrDefault(b => b.Id == busId);
            if (bus is null) return null;
            if (session.Outputs.Any(o => o.Bus == bus.Id)) return bus;
            busId = bus.Output;
        }
        return null;
    }

    private static string Armable(MixSession session)
    {
        var printed = Printed(session).Select(b => $"bus/{b.Name}").ToList();
        return printed.Count == 0 ? "none (the session prints nothing)" : string.Join(", ", printed);
    }
}
