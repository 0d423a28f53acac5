namespace MixEngine.Session;

/// <summary>
/// Writes parameter values back into a session: the inverse of <see cref="ParameterCatalog"/> for the strip, pan, send
/// and VCA parameters it lists (a live fader move becomes the track's <c>faderDb</c>, a switch ≥ 0.5 is on). Used when a
/// structural edit rebuilds the plan, so the new plan starts where the live controls are, and when a session is saved
/// with its live values. Addresses in name form; a parameter path this writer does not know (kernels added later) is
/// left unchanged. Pure; control side (allocates the new session).
/// </summary>
public static class SessionParameterValues
{
    /// <summary>The session with each (address, value) written into its track, bus or VCA; unknown targets throw <see cref="ParameterAddressException"/>.</summary>
    public static MixSession With(MixSession session, IEnumerable<(ParameterAddress Address, double Value)> values)
    {
        var tracks = session.Tracks.ToArray();
        var buses = session.Buses.ToArray();
        var vcas = session.Vcas.ToArray();
        foreach (var (address, value) in values)
        {
            switch (address.Scope)
            {
                case ParameterScope.Track:
                {
                    int i = IndexOf(tracks, t => t.Name, address);
                    tracks[i] = tracks[i] with { Strip = Strip(tracks[i].Strip, address.Parameter, value), Sends = Sends(tracks[i].Sends, buses, address.Parameter, value) };
                    break;
                }
                case ParameterScope.Bus:
                {
                    int i = IndexOf(buses, b => b.Name, address);
                    buses[i] = buses[i] with { Strip = Strip(buses[i].Strip, address.Parameter, value), Sends = Sends(buses[i].Sends, buses, address.Parameter, value) };
                    break;
                }
                default:
                {
                    int i = IndexOf(vcas, v => v.Name, address);
                    vcas[i] = address.Parameter switch
                    {
                        "fader" => vcas[i] with { FaderDb = value },
                        "mute" => vcas[i] with { Mute = value >= 0.5 },
                        _ => vcas[i],
                    };
                    break;
                }
            }
        }
        return session with { Tracks = tracks, Buses = buses, Vcas = vcas };
    }

    private static int IndexOf<T>(T[] items, Func<T, string> name, ParameterAddress address)
    {
        for (int i = 0; i < items.Length; i++)
            if (name(items[i]) == address.Target) return i;
        throw new ParameterAddressException(address.ToString(), $"address '{address}' names '{address.Target}', which the session does not have");
    }

    private static Strip Strip(Strip s, string parameter, double value) => parameter switch
    {
        "trim" => s with { TrimDb = value },
        "polarity" => s with { Polarity = value >= 0.5 },
        "fader" => s with { FaderDb = value },
        "mute" => s with { Mute = value >= 0.5 },
        "solo" => s with { Solo = value >= 0.5 },
        "soloSafe" => s with { SoloSafe = value >= 0.5 },
        "pan/x" => s with { Pan = s.Pan with { X = value } },
        "pan/y" => s with { Pan = s.Pan with { Y = value } },
        "pan/z" => s with { Pan = s.Pan with { Z = value } },
        "pan/width" => s with { Pan = s.Pan with { Width = value } },
        "pan/lfe" => s with { Pan = s.Pan with { LfeDb = value } },
        "pan/divergence" => s with { Pan = s.Pan with { Divergence = value } },
        "pan/rotation" => s with { Pan = s.Pan with { Rotation = value } },
        "pan/height" => s with { Pan = s.Pan with { Height = value >= 0.5 } },
        _ => s,
    };

    private static IReadOnlyList<Send> Sends(IReadOnlyList<Send> sends, Bus[] buses, string parameter, double value)
    {
        var segments = parameter.Split('/');
        if (segments.Length != 3 || segments[0] != "send") return sends;
        string? busId = buses.FirstOrDefault(b => b.Name == segments[1])?.Id;
        return sends.Select(s => s.Bus != busId ? s : segments[2] switch
        {
            "level" => s with { LevelDb = value },
            "mute" => s with { Mute = value >= 0.5 },
            _ => s,
        }).ToArray();
    }
}
