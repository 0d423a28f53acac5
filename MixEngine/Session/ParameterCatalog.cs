namespace MixEngine.Session;

/// <summary>
/// Every parameter of one session with its descriptor and current value, addressed by the one address space
/// (<see cref="ParameterAddress"/>): per track and bus strip trim, polarity, fader, mute, solo, soloSafe, pan/x, pan/y,
/// pan/z, pan/width, pan/lfe, pan/divergence, pan/rotation, pan/height, the inserted processing
/// (<see cref="ProcessingParameters"/>: eq/&lt;n&gt;/…, dyn/comp/…), send/&lt;bus name&gt;/level and send/&lt;bus name&gt;/mute;
/// per VCA fader and mute.
/// Built on the control side from an immutable session; immutable afterwards, so any thread may read it.
/// </summary>
public sealed class ParameterCatalog
{
    private const string Linear = "linear", AudioFader = "audioFader", Toggle = "toggle";

    private readonly MixSession _session;
    private readonly Dictionary<string, ParameterSetting> _byAddress;
    private readonly Dictionary<ParameterAddress, ParameterSetting> _byNameForm;

    private ParameterCatalog(MixSession session, List<ParameterSetting> parameters)
    {
        _session = session;
        Parameters = parameters;
        _byAddress = new Dictionary<string, ParameterSetting>(StringComparer.Ordinal);
        _byNameForm = [];
        foreach (var p in parameters)
        {
            _byAddress.TryAdd(p.Descriptor.Address.ToString(), p);
            _byNameForm.TryAdd(p.Descriptor.Address, p);
        }
    }

    /// <summary>Every parameter in session order: tracks, then buses, then VCAs; within a strip in the order listed above.</summary>
    public IReadOnlyList<ParameterSetting> Parameters { get; }

    /// <summary>Lists every parameter of <paramref name="session"/> with its current value; control side.</summary>
    public static ParameterCatalog For(MixSession session)
    {
        var list = new List<ParameterSetting>();
        var busNames = session.Buses.GroupBy(b => b.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        foreach (var t in session.Tracks) AddStrip(list, ParameterScope.Track, t.Name, t.Strip, t.Sends, busNames, t.Format.ChannelCount <= MaxPannedChannels);
        foreach (var b in session.Buses) AddStrip(list, ParameterScope.Bus, b.Name, b.Strip, b.Sends, busNames, b.Format.ChannelCount <= MaxPannedChannels);
        foreach (var v in session.Vcas)
        {
            list.Add(Level(ParameterScope.Vca, v.Name, "fader", v.FaderDb, 0, trimmable: true));
            list.Add(Switch(ParameterScope.Vca, v.Name, "mute", v.Mute, automatable: true));
        }
        return new ParameterCatalog(session, list);
    }

    /// <summary>
    /// The parameter at <paramref name="address"/> (name or id form); throws <see cref="ParameterAddressException"/>
    /// naming the address and the tracks, buses, VCAs or parameters that do exist.
    /// </summary>
    public ParameterSetting Find(string address)
    {
        // The name form of a parameter is its own canonical form (what every stamped move and handle carries): no parse.
        if (_byAddress.TryGetValue(address, out var known)) return known;
        if (!ParameterAddress.TryParse(address, out var parsed, out string error)) throw new ParameterAddressException(address, error);
        return Find(parsed, address);
    }

    /// <summary>The parameter at <paramref name="address"/>; throws <see cref="ParameterAddressException"/> when there is none.</summary>
    public ParameterSetting Find(ParameterAddress address) =>
        _byNameForm.TryGetValue(address, out var known) ? known : Find(address, address.ToString());

    private ParameterSetting Find(ParameterAddress address, string text)
    {
        string? name = ResolveTarget(address, text);
        string parameter = ResolveSendBus(address.Parameter, text);
        var canonical = new ParameterAddress(address.Scope, name, false, parameter);
        if (_byAddress.TryGetValue(canonical.ToString(), out var setting)) return setting;
        var known = Parameters.Where(p => p.Descriptor.Address.Scope == address.Scope && p.Descriptor.Address.Target == name)
            .Select(p => p.Descriptor.Address.Parameter);
        throw new ParameterAddressException(text,
            $"address '{text}' names unknown parameter '{address.Parameter}' of {ScopeWord(address.Scope)} '{name}'; expected one of: {string.Join(", ", known)}");
    }

    /// <summary>
    /// Resolves a strip target (<c>track/DX 1</c>, <c>track#dx1</c>, <c>bus/Printmaster</c>, <c>vca/Dialog</c>) to its name
    /// form; returns false with a message naming the target and what exists. Control side.
    /// </summary>
    public bool FindTarget(string target, out string canonical, out string error)
    {
        canonical = "";
        const string form = "expected a track, bus or VCA: 'track/DX 1', 'track#dx1', 'bus/Printmaster' or 'vca/Dialog'";
        if (target.EndsWith('/') || !ParameterAddress.TryParse(target + "/-", out var parsed, out _) || parsed.Parameter != "-")
        {
            error = $"'{target}' is not a strip target; {form}";
            return false;
        }
        try
        {
            canonical = $"{ScopeWord(parsed.Scope).ToLowerInvariant()}/{ResolveTarget(parsed, target)}";
            error = "";
            return true;
        }
        catch (ParameterAddressException e)
        {
            error = e.Message;
            return false;
        }
    }

    private string ResolveTarget(ParameterAddress address, string text)
    {
        // Searched without allocating (a surface resolves id forms per message); the list is made only for the error.
        switch (address.Scope)
        {
            case ParameterScope.Track:
                for (int i = 0; i < _session.Tracks.Count; i++)
                    if (Matches(address, _session.Tracks[i].Id, _session.Tracks[i].Name)) return _session.Tracks[i].Name;
                break;
            case ParameterScope.Bus:
                for (int i = 0; i < _session.Buses.Count; i++)
                    if (Matches(address, _session.Buses[i].Id, _session.Buses[i].Name)) return _session.Buses[i].Name;
                break;
            default:
                for (int i = 0; i < _session.Vcas.Count; i++)
                    if (Matches(address, _session.Vcas[i].Id, _session.Vcas[i].Name)) return _session.Vcas[i].Name;
                break;
        }
        var list = (address.Scope switch
        {
            ParameterScope.Track => _session.Tracks.Select(t => (t.Id, t.Name)),
            ParameterScope.Bus => _session.Buses.Select(b => (b.Id, b.Name)),
            _ => _session.Vcas.Select(v => (v.Id, v.Name)),
        }).ToList();
        string scope = ScopeWord(address.Scope);
        string existing = list.Count == 0
            ? $"the session has no {scope}s"
            : address.TargetIsId ? $"{scope} ids: {string.Join(", ", list.Select(x => x.Id))}" : $"{scope}s: {string.Join(", ", list.Select(x => x.Name))}";
        throw new ParameterAddressException(text,
            $"address '{text}' names unknown {scope} {(address.TargetIsId ? "id " : "")}'{address.Target}'; {existing}");
    }

    private static bool Matches(ParameterAddress address, string id, string name) => address.TargetIsId ? id == address.Target : name == address.Target;

    /// <summary>Turns <c>send#busId/level</c> into <c>send/Bus Name/level</c>; other parameters are returned unchanged.</summary>
    private string ResolveSendBus(string parameter, string text)
    {
        if (!parameter.StartsWith("send#", StringComparison.Ordinal)) return parameter;
        var segments = parameter.Split('/');
        string id = segments[0]["send#".Length..];
        var bus = _session.Buses.FirstOrDefault(b => b.Id == id)
            ?? throw new ParameterAddressException(text,
                $"address '{text}' names a send to unknown bus id '{id}'; bus ids: {string.Join(", ", _session.Buses.Select(b => b.Id))}");
        return string.Join('/', segments.Skip(1).Prepend(bus.Name).Prepend("send"));
    }

    private static string ScopeWord(ParameterScope scope) => scope switch
    {
        ParameterScope.Track => "track",
        ParameterScope.Bus => "bus",
        _ => "VCA",
    };

    /// <summary>
    /// Why <paramref name="descriptor"/> (one of this catalog's) cannot be automated, for an error that names it: a pan
    /// control of a strip with more than two channels (its sources are converted to their destination, never panned, so
    /// a lane would not be heard), or a control that is not a mix move (polarity, solo, …).
    /// </summary>
    public string WhyNotAutomatable(ParameterDescriptor descriptor)
    {
        var a = descriptor.Address;
        if (a.Parameter.StartsWith("pan/", StringComparison.Ordinal) && a.Scope is ParameterScope.Track or ParameterScope.Bus)
        {
            var format = a.Scope == ParameterScope.Track
                ? _session.Tracks.FirstOrDefault(t => t.Name == a.Target)?.Format
                : _session.Buses.FirstOrDefault(b => b.Name == a.Target)?.Format;
            if (format is { ChannelCount: > MaxPannedChannels })
                return $"'{a}' cannot be automated: {ScopeWord(a.Scope)} '{a.Target}' has {format.ChannelCount} channels, and a source of more than {MaxPannedChannels} channels is converted to its destination's layout, never panned";
        }
        return $"'{a}' cannot be automated; automatable parameters are those marked so by `mixengine params`";
    }

    /// <summary>The most channels a strip may have for its pan controls to pan it (more are converted, not panned).</summary>
    public const int MaxPannedChannels = 2;

    private static void AddStrip(List<ParameterSetting> list, ParameterScope scope, string name, Strip s,
        IReadOnlyList<Send> sends, Dictionary<string, string> busNames, bool panned)
    {
        var d = Strip.Default;
        list.Add(Setting(scope, name, "trim", ParameterUnit.Decibels, -StripReader.TrimRangeDb, StripReader.TrimRangeDb, d.TrimDb, Linear, true, false, s.TrimDb));
        list.Add(Switch(scope, name, "polarity", s.Polarity, automatable: false));
        list.Add(Level(scope, name, "fader", s.FaderDb, d.FaderDb, trimmable: true));
        list.Add(Switch(scope, name, "mute", s.Mute, automatable: true));
        list.Add(Switch(scope, name, "solo", s.Solo, automatable: false));
        list.Add(Switch(scope, name, "soloSafe", s.SoloSafe, automatable: false));
        list.Add(Setting(scope, name, "pan/x", ParameterUnit.Position, -1, 1, d.Pan.X, Linear, panned, false, s.Pan.X));
        list.Add(Setting(scope, name, "pan/y", ParameterUnit.Position, -1, 1, d.Pan.Y, Linear, panned, false, s.Pan.Y));
        list.Add(Setting(scope, name, "pan/z", ParameterUnit.Position, 0, 1, d.Pan.Z, Linear, panned, false, s.Pan.Z));
        list.Add(Setting(scope, name, "pan/width", ParameterUnit.Fraction, 0, 1, d.Pan.Width, Linear, panned, false, s.Pan.Width));
        list.Add(Level(scope, name, "pan/lfe", s.Pan.LfeDb, d.Pan.LfeDb, trimmable: false, automatable: panned));
        list.Add(Setting(scope, name, "pan/divergence", ParameterUnit.Fraction, 0, 1, d.Pan.Divergence, Linear, panned, false, s.Pan.Divergence));
        list.Add(Setting(scope, name, "pan/rotation", ParameterUnit.Degrees, -180, 180, d.Pan.Rotation, Linear, panned, false, s.Pan.Rotation));
        list.Add(Setting(scope, name, "pan/height", ParameterUnit.Boolean, 0, 1, 1, Toggle, panned, false, s.Pan.Height ? 1 : 0));
        ProcessingParameters.Add(list, scope, name, s.Processing);
        foreach (var send in sends)
        {
            string bus = busNames.TryGetValue(send.Bus, out string? busName) ? busName : send.Bus;
            list.Add(Level(scope, name, $"send/{bus}/level", send.LevelDb, 0, trimmable: true));
            list.Add(Switch(scope, name, $"send/{bus}/mute", send.Mute, automatable: true));
        }
    }

    private static ParameterSetting Level(ParameterScope scope, string name, string parameter, double value, double fallback, bool trimmable, bool automatable = true) =>
        Setting(scope, name, parameter, ParameterUnit.Decibels, double.NegativeInfinity, StripReader.MaxLevelDb, fallback, AudioFader, automatable, trimmable, value);

    private static ParameterSetting Switch(ParameterScope scope, string name, string parameter, bool value, bool automatable) =>
        Setting(scope, name, parameter, ParameterUnit.Boolean, 0, 1, 0, Toggle, automatable, false, value ? 1 : 0);

    private static ParameterSetting Setting(ParameterScope scope, string name, string parameter, ParameterUnit unit,
        double min, double max, double fallback, string taper, bool automatable, bool trimmable, double value) =>
        new(new ParameterDescriptor(ParameterAddress.ByName(scope, name, parameter), unit, min, max, fallback, taper, automatable, trimmable), value);
}
