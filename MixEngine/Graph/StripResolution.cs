using MixEngine.Dsp;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Resolves every track and bus strip of a session into linear gains and a mute state: trim and polarity into the
/// input gain; fader plus the faders of every VCA the strip belongs to (dB added) into the output gain; own mute, any
/// member VCA's mute, and the implicit solo mute into the mute state. Solo in place: when any track or bus is soloed, a
/// track is audible only if it is soloed, solo-safe, or its main output chain reaches a soloed bus; buses are never
/// implicitly muted. Control side (allocates).
/// </summary>
public static class StripResolution
{
    /// <summary>Returns the resolved gain stage of every track and bus, keyed by id; control side.</summary>
    public static Dictionary<string, StripGainStage> Resolve(MixSession session)
    {
        var vcaDb = new Dictionary<string, double>();
        var vcaMute = new HashSet<string>();
        foreach (var vca in session.Vcas)
        {
            foreach (var member in vca.Members)
            {
                vcaDb[member] = vcaDb.GetValueOrDefault(member) + vca.FaderDb;
                if (vca.Mute) vcaMute.Add(member);
            }
        }
        var busById = new Dictionary<string, Bus>();
        foreach (var bus in session.Buses) busById[bus.Id] = bus;
        bool anySolo = false;
        foreach (var t in session.Tracks) anySolo |= t.Strip.Solo;
        foreach (var b in session.Buses) anySolo |= b.Strip.Solo;

        var result = new Dictionary<string, StripGainStage>();
        foreach (var t in session.Tracks)
        {
            bool soloMuted = anySolo && !t.Strip.Solo && !t.Strip.SoloSafe && !ReachesSoloedBus(t.Output, busById);
            result[t.Id] = Stage(t.Id, t.Strip, soloMuted, vcaDb, vcaMute);
        }
        foreach (var b in session.Buses) result[b.Id] = Stage(b.Id, b.Strip, false, vcaDb, vcaMute);
        return result;
    }

    private static StripGainStage Stage(string id, Strip strip, bool soloMuted, Dictionary<string, double> vcaDb, HashSet<string> vcaMute)
    {
        double input = Decibels.ToGain(strip.TrimDb) * (strip.Polarity ? -1.0 : 1.0);
        double output = Decibels.ToGain(strip.FaderDb + vcaDb.GetValueOrDefault(id));
        bool muted = strip.Mute || soloMuted || vcaMute.Contains(id);
        return new StripGainStage(input, output, muted);
    }

    private static bool ReachesSoloedBus(string? busId, Dictionary<string, Bus> busById)
    {
        for (int hops = 0; busId is not null && hops <= busById.Count; hops++)
        {
            if (!busById.TryGetValue(busId, out var bus)) return false;
            if (bus.Strip.Solo) return true;
            busId = bus.Output;
        }
        return false;
    }
}
