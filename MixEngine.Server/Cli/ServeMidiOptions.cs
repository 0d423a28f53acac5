using System.CommandLine;
using System.Net;

namespace MixEngine.Server.Cli;

/// <summary>What <c>mixengine serve</c> was asked to do about Mackie Control surfaces.</summary>
/// <param name="RtpMidi">True with <c>--rtpmidi</c>: listen for an RTP-MIDI (AppleMIDI) session.</param>
/// <param name="RtpBind">Address the RTP-MIDI ports bind.</param>
/// <param name="RtpPort">RTP-MIDI control port (the data port is the next one).</param>
/// <param name="Units">The MCU units left to right: ALSA raw MIDI port ids (<c>mixengine surfaces list</c>) and RTP-MIDI sessions (<c>rtpmidi</c>, <c>rtpmidi:PORT</c>, <c>rtpmidi@ADDRESS:PORT</c>, <see cref="RtpMidiUnit"/>).</param>
/// <param name="Master">Strip the main unit's master fader drives, or null.</param>
/// <param name="HuiUnits">The units of <paramref name="Units"/> that speak HUI.</param>
internal sealed record ServeMidiSettings(bool RtpMidi, IPAddress RtpBind, int RtpPort, IReadOnlyList<string> Units, string? Master, IReadOnlyList<string> HuiUnits)
{
    /// <summary>The units of <see cref="Units"/> that are Behringer X-Touch (or Extender) units in MCU mode (colour scribble strips).</summary>
    public IReadOnlyList<string> XTouchUnits { get; init; } = [];

    /// <summary>The unit name of the RTP-MIDI session in <c>--mcu</c>.</summary>
    public const string RtpUnit = "rtpmidi";

    /// <summary>True when any MCU unit is configured.</summary>
    public bool Enabled => Units.Count > 0;
}

/// <summary>
/// The MIDI surface options of <c>mixengine serve</c>: <c>--rtpmidi</c> (listen for an RTP-MIDI session on UDP
/// <c>--rtpmidi-port</c> 5004 and the next port, bound to <c>--rtpmidi-bind</c>, 0.0.0.0 by default, and drive it as a
/// Mackie Control unit), <c>--mcu ID</c> (repeatable: the MCU units left to right by port id; <c>rtpmidi</c> places that
/// network session, <c>rtpmidi:PORT</c> another session listening on PORT, <c>rtpmidi@ADDRESS:PORT</c> a session inviting
/// the surface at that address, <see cref="RtpMidiUnit"/>), <c>--hui ID</c> (repeatable: a unit speaking HUI), <c>--xtouch ID</c> (repeatable: an X-Touch unit,
/// colour scribble strips) and <c>--mcu-master STRIP</c>. Parsed on the CLI's main thread; bad values are refused naming the option.
/// </summary>
internal sealed class ServeMidiOptions
{
    private readonly Option<bool> _rtp = new("--rtpmidi") { Description = "Accept an RTP-MIDI (AppleMIDI) session and drive it as a Mackie Control unit" };
    private readonly Option<int> _rtpPort = new("--rtpmidi-port") { Description = "RTP-MIDI control port (data on the next port)", DefaultValueFactory = _ => 5004 };
    private readonly Option<string> _rtpBind = new("--rtpmidi-bind") { Description = "Address the RTP-MIDI ports bind", DefaultValueFactory = _ => "0.0.0.0" };
    private readonly Option<string[]> _units = new("--mcu")
    {
        Description = "A Mackie Control unit by port id, left to right (repeatable): an ALSA raw MIDI id from 'mixengine surfaces list', " +
            "'rtpmidi' (the --rtpmidi-port session), 'rtpmidi:PORT' (another session listening on PORT) or 'rtpmidi@ADDRESS:PORT' (invite that surface); the first is the main unit",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string?> _master = new("--mcu-master") { Description = "Strip the MCU master fader drives, e.g. bus/Printmaster" };
    private readonly Option<string[]> _xtouch = new("--xtouch")
    {
        Description = "A unit that is a Behringer X-Touch or X-Touch Extender in MCU mode, by port id (repeatable): colour scribble strips by stem; placed after the --mcu units unless listed there",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string[]> _hui = new("--hui")
    {
        Description = "A unit that speaks HUI instead of MCU, by port id (repeatable); placed after the --mcu units unless listed there",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the options to the serve verb.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_rtp, _rtpPort, _rtpBind, _units, _hui, _xtouch, _master]) command.Options.Add(option);
    }

    /// <summary>Reads and checks the options; false with a message naming the option and what it accepts.</summary>
    public bool TryRead(ParseResult parse, out ServeMidiSettings settings, out string? error)
    {
        settings = new ServeMidiSettings(false, IPAddress.Any, 5004, [], null, []);
        error = null;
        int port = parse.GetValue(_rtpPort);
        if (port is < 1 or > 65534)
        {
            error = $"--rtpmidi-port {port} is out of range; expected 1 … 65534 (the data port is the next one)";
            return false;
        }
        string bindText = parse.GetValue(_rtpBind)!;
        if (!IPAddress.TryParse(bindText, out var bind))
        {
            error = $"--rtpmidi-bind '{bindText}' is not an IP address; expected e.g. 0.0.0.0 or 127.0.0.1";
            return false;
        }
        var hui = (parse.GetValue(_hui) ?? []).Distinct(StringComparer.Ordinal).ToList();
        var units = (parse.GetValue(_units) ?? []).ToList();
        var duplicate = units.GroupBy(u => u, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error = $"--mcu {duplicate.Key} is given {duplicate.Count()} times; each unit needs its own port";
            return false;
        }
        var xtouch = (parse.GetValue(_xtouch) ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (xtouch.FirstOrDefault(hui.Contains) is { } both)
        {
            error = $"--xtouch {both} is also given as --hui; an X-Touch speaks MCU";
            return false;
        }
        units.AddRange(hui.Where(h => !units.Contains(h)));
        units.AddRange(xtouch.Where(x => !units.Contains(x)));
        foreach (string unit in units.Where(RtpMidiUnit.Names))
        {
            if (RtpMidiUnit.TryParse(unit, port, out _, out string? rtpError)) continue;
            error = $"--mcu {rtpError}";
            return false;
        }
        bool rtp = parse.GetValue(_rtp) || units.Contains(ServeMidiSettings.RtpUnit);
        if (rtp && !units.Contains(ServeMidiSettings.RtpUnit)) units.Add(ServeMidiSettings.RtpUnit);
        settings = new ServeMidiSettings(rtp, bind, port, units, parse.GetValue(_master), hui) { XTouchUnits = xtouch };
        return true;
    }
}
