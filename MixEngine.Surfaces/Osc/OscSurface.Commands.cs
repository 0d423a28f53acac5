using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>The OSC surface's address space: Ardour's core addresses and the <c>/mixengine</c> namespace (docs/osc.md has the table).</summary>
public sealed partial class OscSurface
{
    private const int MaxCachedHandles = 4096;
    private readonly object _handlesGate = new();
    private readonly Dictionary<string, ParameterHandle> _handleCache = new(StringComparer.Ordinal);

    private void Dispatch(OscMessage m, OscSurfaceClient client)
    {
        string a = m.Address;
        if (a == "/strip/list") ListStrips(client);
        else if (a.StartsWith("/strip/", StringComparison.Ordinal)) Strip(m, client);
        else if (a.StartsWith("/mixengine/", StringComparison.Ordinal)) Namespace(m, client);
        else if (a.StartsWith("/set_surface", StringComparison.Ordinal)) SetSurface(m, client);
        else Global(m, client);
    }

    /// <summary>OSC 1.0 dispatch of an address pattern: the message goes to every method it matches, each refused or applied on its own.</summary>
    private void DispatchPattern(OscMessage m, OscSurfaceClient client)
    {
        var matches = new List<string>();
        AddressSpace.Expand(m.Address, client.VisibleStrips, matches);
        if (matches.Count == 0)
            throw new OscCommandException(m.Address, "the address pattern matches no address; expected a pattern matching addresses of docs/osc.md (strip ids in the path count only inside the client's bank)");
        foreach (string address in matches) Apply(new OscMessage(address, m.Arguments), client);
    }

    private void Global(OscMessage m, OscSurfaceClient client)
    {
        switch (m.Address)
        {
            case "/refresh":
                if (Pressed(m)) client.Refresh();
                break;
            case "/bank_up" or "/bank_down":
                int banks = m.Arguments.Count == 0 ? 1 : (int)Math.Round(Number(m, 0, "a bank count (1 = one bank)"));
                if (banks != 0) client.MoveBank(m.Address == "/bank_up" ? banks : -banks);
                break;
            case "/transport_play":
                if (Pressed(m)) _control.Play(client.Id);
                break;
            case "/transport_stop":
                if (Pressed(m)) _control.Stop(client.Id);
                break;
            case "/toggle_roll":
                if (!Pressed(m)) break;
                if (_control.Transport.State == TransportState.Stopped) _control.Play(client.Id);
                else _control.Stop(client.Id);
                break;
            case "/goto_start":
                if (Pressed(m)) _control.Locate(client.Id, 0L);
                break;
            case "/add_marker" or "/remove_marker" or "/next_marker" or "/prev_marker" or "/marker":
                ArdourMarker(m, client);
                break;
            case "/locate":
                _control.Locate(client.Id, (long)Math.Round(Number(m, 0, "a position in samples")));
                if (m.Arguments.Count > 1 && Number(m, 1, "roll 0|1") == 1) _control.Play(client.Id);
                break;
            default:
                throw new OscCommandException(m.Address, "unknown address; expected an Ardour core address (/strip/…, /set_surface, /bank_up, /transport_play, /refresh, /add_marker, …) or /mixengine/… (docs/osc.md)");
        }
    }

    private static void SetSurface(OscMessage m, OscSurfaceClient client)
    {
        int? Arg(int i) => m.Arguments.Count > i ? (int)Math.Round(Number(m, i, "an integer")) : null;
        switch (m.Address)
        {
            case "/set_surface":
                client.Configure(Arg(0), Arg(1), Arg(2), Arg(3), Arg(6), m.Address);
                break;
            case "/set_surface/bank_size":
                client.Configure(Required(m), null, null, null, null, m.Address);
                break;
            case "/set_surface/strip_types":
                client.Configure(null, Required(m), null, null, null, m.Address);
                break;
            case "/set_surface/feedback":
                client.Configure(null, null, Required(m), null, null, m.Address);
                break;
            case "/set_surface/gainmode":
                client.Configure(null, null, null, Required(m), null, m.Address);
                break;
            case "/set_surface/port":
                client.Configure(null, null, null, null, Required(m), m.Address);
                break;
            default:
                throw new OscCommandException(m.Address, "unknown /set_surface address; expected /set_surface or /set_surface/{bank_size,strip_types,feedback,gainmode,port}");
        }
    }

    private void Strip(OscMessage m, OscSurfaceClient client)
    {
        // /strip/<control>[/<ssid>][/touch|/automation], the ssid also accepted after the suffix (as ssid-in-path feedback writes it).
        var segments = m.Address["/strip/".Length..].Split('/');
        string control = segments[0];
        bool touch = false, automation = false;
        int? pathSsid = null;
        foreach (string segment in segments.AsSpan(1))
        {
            if (segment == "touch" && !touch && !automation) touch = true;
            else if (segment == "automation" && !touch && !automation) automation = true;
            else if (pathSsid is null && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)) pathSsid = n;
            else throw new OscCommandException(m.Address, $"'{segment}' is not a strip id, 'touch' or 'automation'; expected /strip/{control}/<ssid>[/touch|/automation] or /strip/{control}[/touch|/automation] ssid value");
        }
        int argument = 0;
        int ssid = pathSsid ?? (int)Math.Round(Number(m, argument++, "the strip id (ssid, 1-based in the bank) as the first argument"));
        var strip = client.StripAt(ssid, m.Address);
        if (automation)
        {
            if (control is not ("gain" or "fader"))
                throw new OscCommandException(m.Address, $"'{control}' has no Ardour automation address; expected /strip/gain/automation or /strip/fader/automation (any parameter: /mixengine/automation/<address>)");
            _control.SetAutomationMode(client.Id, strip.Fader, OscAutomationMode.Parse(m, argument));
            return;
        }
        if (touch)
        {
            var target = control switch
            {
                "fader" or "gain" => strip.Fader,
                "trimdB" => strip.Trim,
                "pan_stereo_position" => strip.PanX,
                _ => throw new OscCommandException(m.Address, $"'{control}' has no touch; expected fader, gain, trimdB or pan_stereo_position"),
            } ?? throw Missing(m.Address, strip, control);
            client.Touch(target, Number(m, argument, "1 (touched) or 0 (released)") >= 0.5);
            return;
        }
        string expected = control switch
        {
            "fader" or "pan_stereo_position" => "a position 0 … 1",
            "gain" or "trimdB" => "a gain in dB (-200 = -inf)",
            _ => "1 or 0",
        };
        double value = control is "name" ? 0 : Number(m, argument, expected);
        var now = Now;
        switch (control)
        {
            case "fader":
                client.Set(strip.Fader, value, ValueMode.Normalized, OscRepresentation.Position, now, impliedTouch: true);
                break;
            case "gain":
                client.Set(strip.Fader, value <= OscSurfaceClient.MinusInfinityDb ? double.NegativeInfinity : value, ValueMode.Absolute, OscRepresentation.Natural, now, impliedTouch: true);
                break;
            case "trimdB":
                client.Set(strip.Trim ?? throw Missing(m.Address, strip, "trim"), value, ValueMode.Absolute, OscRepresentation.Natural, now, impliedTouch: true);
                break;
            case "pan_stereo_position":
                client.Set(strip.PanX ?? throw Missing(m.Address, strip, "pan"), value, ValueMode.Normalized, OscRepresentation.Position, now, impliedTouch: true);
                break;
            case "mute":
                client.Set(strip.Mute ?? throw Missing(m.Address, strip, "mute"), value, ValueMode.Absolute, OscRepresentation.Natural, now, impliedTouch: false);
                break;
            case "solo":
                client.Set(strip.Solo ?? throw Missing(m.Address, strip, "solo"), value, ValueMode.Absolute, OscRepresentation.Natural, now, impliedTouch: false);
                break;
            case "select":
                Select(strip, value >= 0.5);
                break;
            case "recenable":
                client.RecordArm(strip, value >= 0.5);
                break;
            case "name":
                throw new OscCommandException(m.Address, "strip names are feedback only; rename tracks in the session");
            default:
                throw new OscCommandException(m.Address, $"unknown strip control '{control}'; expected fader, gain, trimdB, mute, solo, select, pan_stereo_position or recenable");
        }
    }

    private void Namespace(OscMessage m, OscSurfaceClient client)
    {
        string a = m.Address;
        if (a.StartsWith(OscAddresses.Param, StringComparison.Ordinal) || a.StartsWith(OscAddresses.Norm, StringComparison.Ordinal))
        {
            bool position = a.StartsWith(OscAddresses.Norm, StringComparison.Ordinal);
            var parameter = Handle(a, a[(position ? OscAddresses.Norm : OscAddresses.Param).Length..]);
            // The expected-value text is only built for an error, not for every set.
            if (m.Arguments.Count > 0)
                client.Set(parameter, m.Arguments[0].AsNumber is { } v && !double.IsNaN(v) ? v
                        : Number(m, 0, position ? "a position 0 … 1" : $"a value in {parameter.Descriptor.UnitSymbol}"),
                    position ? ValueMode.Normalized : ValueMode.Absolute, position ? OscRepresentation.NamespacePosition : OscRepresentation.NamespaceNatural, Now,
                    impliedTouch: parameter.Descriptor.Unit != ParameterUnit.Boolean);
            client.Watch(parameter, position, on: true);
        }
        else if (a.StartsWith(OscAddresses.Touch, StringComparison.Ordinal))
            client.Touch(Handle(a, a[OscAddresses.Touch.Length..]), Number(m, 0, "1 (touched) or 0 (released)") >= 0.5);
        else if (a.StartsWith(OscAddresses.Meter, StringComparison.Ordinal))
        {
            var strip = StripByPrefix(a, OscAddresses.Unescape(a[OscAddresses.Meter.Length..], a));
            bool on = m.Arguments.Count == 0 || Number(m, 0, "1 (watch) or 0 (stop)") >= 0.5;
            client.WatchMeter(strip.Prefix, 16, on);
        }
        else if (a.StartsWith(OscAddresses.Automation, StringComparison.Ordinal))
        {
            if (!PassCommand(m, client)) Automation(m, client);
        }
        else if (a.StartsWith("/mixengine/marker", StringComparison.Ordinal)) NamespaceMarker(m, client);
        else if (a.StartsWith(OscAddresses.Pan, StringComparison.Ordinal)) Pan(m, client, StripByPrefix(a, OscAddresses.Unescape(a[OscAddresses.Pan.Length..], a)));
        else Transport(m, client);
    }

    private void Transport(OscMessage m, OscSurfaceClient client)
    {
        switch (m.Address)
        {
            case "/mixengine/ping":
                client.Reply("/mixengine/pong", "mixengine");
                break;
            case "/mixengine/strips":
                ListStrips(client);
                break;
            case "/mixengine/transport":
                client.WatchTransport(m.Arguments.Count == 0 || Number(m, 0, "1 (watch) or 0 (stop)") >= 0.5);
                break;
            case "/mixengine/transport/play":
                if (Pressed(m)) _control.Play(client.Id);
                break;
            case "/mixengine/transport/stop":
                if (Pressed(m)) _control.Stop(client.Id);
                break;
            case "/mixengine/transport/locate":
                if (m.Arguments.Count == 1 && m.Arguments[0].Tag == 's')
                {
                    string text = m.Arguments[0].AsString;
                    if (!Timecode.TryParse(text, _control.Transport.Timecode.Rate, out var tc, out string error)) throw new OscCommandException(m.Address, error);
                    _control.Locate(client.Id, tc);
                }
                else _control.Locate(client.Id, (long)Math.Round(Number(m, 0, "samples from the session start, or a timecode string HH:MM:SS:FF")));
                break;
            case "/mixengine/transport/loop":
                _control.SetLoop(client.Id, m.Arguments.Count == 0 ? null
                    : new LoopRange((long)Number(m, 0, "loop start in samples"), (long)Number(m, 1, "loop end in samples")));
                break;
            case "/mixengine/transport/preroll":
                _control.SetPreRoll(client.Id, (long)Math.Round(Number(m, 0, "pre-roll in samples")));
                break;
            default:
                throw new OscCommandException(m.Address, "unknown /mixengine address; expected param/, norm/, touch/, automation/, meter/, pan/, marker/…, markers, transport[/play|stop|locate|loop|preroll], strips or ping (docs/osc.md)");
        }
    }

    /// <summary>
    /// <c>/mixengine/automation/&lt;strip or parameter&gt; [mode]</c>: sets a strip's mode, or a parameter's own mode (nil,
    /// "strip" or "follow" clears it so it follows its strip), then watches the mode in force.
    /// </summary>
    private void Automation(OscMessage m, OscSurfaceClient client)
    {
        string escaped = m.Address[OscAddresses.Automation.Length..];
        string target = OscAddresses.Unescape(escaped, m.Address);
        bool isStrip = !target.Contains('/') || Strips.Any(s => s.Prefix == target);
        if (isStrip)
        {
            try
            {
                if (m.Arguments.Count > 0) _control.SetAutomationMode(client.Id, target, OscAutomationMode.Parse(m, 0));
                else _control.GetAutomationMode(target);
            }
            catch (ParameterAddressException e)
            {
                throw new OscCommandException(m.Address, e.Message);
            }
            client.WatchAutomation(OscAddresses.Automation + OscAddresses.Escape(target), () => _control.GetAutomationMode(target));
            return;
        }
        var parameter = Handle(m.Address, escaped);
        if (m.Arguments.Count > 0)
        {
            var first = m.Arguments[0];
            bool follow = first.Tag == 'N' || (first.Tag == 's' && first.AsString is "strip" or "follow");
            _control.SetAutomationMode(client.Id, parameter, follow ? null : OscAutomationMode.Parse(m, 0));
        }
        client.WatchAutomation(OscAddresses.Automation + OscAddresses.Escape(parameter.Address.ToString()), () => _control.GetAutomationMode(parameter));
    }

    private void Pan(OscMessage m, OscSurfaceClient client, SurfaceStrip strip)
    {
        if (strip.PanX is not { } x || strip.PanY is not { } y) throw Missing(m.Address, strip, "pan");
        var now = Now;
        client.Set(x, Number(m, 0, "x (−1 left … 1 right)"), ValueMode.Absolute, OscRepresentation.NamespaceNatural, now, impliedTouch: true);
        client.Set(y, Number(m, 1, "y (−1 back … 1 front)"), ValueMode.Absolute, OscRepresentation.NamespaceNatural, now, impliedTouch: true);
        if (m.Arguments.Count > 2)
            client.Set(strip.PanZ ?? throw Missing(m.Address, strip, "pan/z"), Number(m, 2, "z (0 floor … 1 top)"), ValueMode.Absolute, OscRepresentation.NamespaceNatural, now, impliedTouch: true);
    }

    private void Select(SurfaceStrip strip, bool on)
    {
        string? next = on ? strip.Prefix : SelectedPrefix == strip.Prefix ? null : SelectedPrefix;
        if (Interlocked.Exchange(ref _selected, next) == next) return;
        OscSurfaceClient[] clients;
        lock (_clientsGate) clients = [.. _clients.Values];
        foreach (var c in clients) c.SelectionChanged();
    }

    private void ListStrips(OscSurfaceClient client)
    {
        var strips = Strips;
        for (int i = 0; i < strips.Count; i++) client.ReplyStrip(i + 1, strips[i].Prefix);
    }

    private SurfaceStrip StripByPrefix(string address, string prefix)
    {
        foreach (var s in Strips)
            if (s.Prefix == prefix) return s;
        throw new OscCommandException(address, $"no strip '{prefix}'; expected track/<name>, bus/<name> or vca/<name> (/mixengine/strips lists them)");
    }

    private ParameterHandle Handle(string oscAddress, string escaped)
    {
        lock (_handlesGate)
            if (_handleCache.TryGetValue(escaped, out var cached)) return cached;
        string address = OscAddresses.Unescape(escaped, oscAddress);
        ParameterHandle handle;
        try
        {
            handle = _control.Resolve(address);
        }
        catch (ParameterAddressException e)
        {
            throw new OscCommandException(oscAddress, e.Message);
        }
        lock (_handlesGate)
        {
            if (_handleCache.Count >= MaxCachedHandles) _handleCache.Clear();
            _handleCache[escaped] = handle;
        }
        return handle;
    }

    private void ClearHandleCache()
    {
        lock (_handlesGate) _handleCache.Clear();
    }

    private static OscCommandException Missing(string address, SurfaceStrip strip, string control) =>
        new(address, $"strip '{strip.Prefix}' has no {control}");

    /// <summary>Ardour's button rule: no argument, or a first argument of exactly 1, acts; 0 (a button's release) does nothing.</summary>
    private static bool Pressed(OscMessage m) => m.Arguments.Count == 0 || m.Arguments[0].AsNumber == 1.0;

    private static int Required(OscMessage m) => (int)Math.Round(Number(m, 0, "an integer"));

    private static double Number(OscMessage m, int index, string expected)
    {
        if (index >= m.Arguments.Count)
            throw new OscCommandException(m.Address, $"argument {index + 1} is missing; expected {expected}");
        var value = m.Arguments[index].AsNumber;
        if (value is not { } v || double.IsNaN(v))
            throw new OscCommandException(m.Address, $"argument {index + 1} has type '{m.Arguments[index].Tag}'; expected {expected} as i, f, d, h, T or F");
        return v;
    }
}
