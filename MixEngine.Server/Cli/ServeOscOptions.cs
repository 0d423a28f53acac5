using System.CommandLine;
using System.Net;
using MixEngine.Surfaces.Osc;

namespace MixEngine.Server.Cli;

/// <summary>What <c>mixengine serve</c> was asked to do about OSC: whether it runs, where it listens and how it treats clients.</summary>
/// <param name="Enabled">False with <c>--no-osc</c>.</param>
/// <param name="Tcp">True with <c>--osc-tcp</c>: also listen on TCP at the same port.</param>
/// <param name="Listener">Bind address, port and allow-list.</param>
/// <param name="Surface">Reply port and meter rate.</param>
internal sealed record ServeOscSettings(bool Enabled, bool Tcp, OscListenerOptions Listener, OscSurfaceOptions Surface);

/// <summary>
/// The OSC options of <c>mixengine serve</c>: <c>--no-osc</c>, <c>--osc-port</c> (3819), <c>--osc-bind</c> (127.0.0.1),
/// <c>--osc-allow</c> (address or subnet, repeatable; default loopback only),
/// <c>--osc-tcp</c>, <c>--osc-reply-port</c> (0 = each client's source port) and <c>--osc-meter-rate</c> (10 Hz, up to
/// 30). Parsed on the CLI's main thread; bad values are refused with the option and the accepted range.
/// </summary>
internal sealed class ServeOscOptions
{
    private readonly Option<bool> _off = new("--no-osc") { Description = "Do not open the OSC port" };
    private readonly Option<int> _port = new("--osc-port") { Description = "OSC UDP (and TCP) port", DefaultValueFactory = _ => OscListenerOptions.DefaultPort };
    private readonly Option<string> _bind = new("--osc-bind") { Description = "Address the OSC listeners bind (0.0.0.0 serves the network; add --osc-allow)", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string[]> _allow = new("--osc-allow") { Description = "Client address or subnet allowed to use OSC (repeatable, e.g. 192.168.1.0/24); default loopback only", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> _tcp = new("--osc-tcp") { Description = "Also accept OSC over TCP (OSC 1.0 length prefix or OSC 1.1 SLIP, detected per connection)" };
    private readonly Option<int> _replyPort = new("--osc-reply-port") { Description = "Port OSC feedback goes to; 0 = each client's source port", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _meterRate = new("--osc-meter-rate") { Description = "OSC meter and timecode rate in Hz (1 … 30)", DefaultValueFactory = _ => 10 };

    /// <summary>Adds the options to the serve verb.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_off, _port, _bind, _allow, _tcp, _replyPort, _meterRate]) command.Options.Add(option);
    }

    /// <summary>Reads and checks the options; false with a message naming the option and what it accepts.</summary>
    public bool TryRead(ParseResult parse, out ServeOscSettings settings, out string? error)
    {
        settings = new ServeOscSettings(false, false, new OscListenerOptions(), new OscSurfaceOptions());
        error = null;
        int port = parse.GetValue(_port);
        if (port is < 1 or > 65535)
        {
            error = $"--osc-port {port} is out of range; expected 1 … 65535";
            return false;
        }
        string bindText = parse.GetValue(_bind)!;
        if (!IPAddress.TryParse(bindText, out var bind))
        {
            error = $"--osc-bind '{bindText}' is not an IP address; expected e.g. 127.0.0.1, 0.0.0.0 or ::";
            return false;
        }
        var allowed = new List<IPNetwork>();
        foreach (string text in parse.GetValue(_allow) ?? [])
        {
            if (IPNetwork.TryParse(text, out var network)) allowed.Add(network);
            else if (IPAddress.TryParse(text, out var single)) allowed.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
            {
                error = $"--osc-allow '{text}' is not an address or subnet; expected e.g. 192.168.1.20 or 192.168.1.0/24";
                return false;
            }
        }
        var listener = new OscListenerOptions { BindAddress = bind, Port = port };
        if (allowed.Count > 0) listener = listener with { AllowedClients = allowed };
        var surface = new OscSurfaceOptions { ReplyPort = parse.GetValue(_replyPort), MeterRateHz = parse.GetValue(_meterRate) };
        try
        {
            surface.Validate();
        }
        catch (ArgumentException e)
        {
            error = $"{(e.ParamName == nameof(OscSurfaceOptions.ReplyPort) ? "--osc-reply-port" : "--osc-meter-rate")}: {e.Message.Split(" (Parameter")[0]}";
            return false;
        }
        settings = new ServeOscSettings(!parse.GetValue(_off), parse.GetValue(_tcp), listener, surface);
        return true;
    }
}
