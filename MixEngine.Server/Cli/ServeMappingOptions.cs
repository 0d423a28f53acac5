using System.CommandLine;
using MixEngine.Surfaces.Mapping;

namespace MixEngine.Server.Cli;

/// <summary>One <c>--map PORT=PROFILE</c>: the port id, the profile read, and its file (null for a shipped profile).</summary>
/// <param name="Port">ALSA raw MIDI port id (<c>mixengine surfaces list</c>) or an RTP-MIDI session (<see cref="RtpMidiUnit"/>).</param>
/// <param name="Profile">The profile, already checked.</param>
/// <param name="ProfilePath">The profile file, or null when it is a shipped profile named by its name.</param>
internal sealed record ServeMapping(string Port, MappingProfile Profile, string? ProfilePath);

/// <summary>
/// The mapped-surface option of <c>mixengine serve</c>: <c>--map PORT=PROFILE</c> (repeatable) drives the MIDI device on
/// PORT (an ALSA raw MIDI id, or an RTP-MIDI session: <c>rtpmidi</c> on <c>--rtpmidi-port</c>, <c>rtpmidi:PORT</c>,
/// <c>rtpmidi@ADDRESS:PORT</c>, <see cref="RtpMidiUnit"/>) through PROFILE (a profile
/// file, or the name of a shipped profile). Profiles are read and checked here, so a bad one stops serve before anything
/// starts, naming the file and JSON path. Parsed on the CLI's main thread.
/// </summary>
internal sealed class ServeMappingOptions
{
    private readonly Option<string[]> _maps = new("--map")
    {
        Description = "Drive a MIDI device through a mapping profile, PORT=PROFILE (repeatable): PORT from 'mixengine surfaces list', 'rtpmidi', 'rtpmidi:PORT' or 'rtpmidi@ADDRESS:PORT'; " +
            "PROFILE a profile file or a shipped profile (" + string.Join(", ", MappingProfileReader.Shipped) + ")",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the option to the serve verb.</summary>
    public void AddTo(Command command) => command.Options.Add(_maps);

    /// <summary>Reads and checks the option against the MCU units already bound; false with a message naming the option.</summary>
    public bool TryRead(ParseResult parse, ServeMidiSettings midi, out IReadOnlyList<ServeMapping> mappings, out string? error)
    {
        var list = new List<ServeMapping>();
        mappings = list;
        error = null;
        foreach (string text in parse.GetValue(_maps) ?? [])
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == text.Length - 1)
            {
                error = $"--map {text}: expected PORT=PROFILE, e.g. alsa:BCF2000/0=generic-14bit-faders or rtpmidi=desk.json";
                return false;
            }
            string port = text[..eq], profile = text[(eq + 1)..];
            if (RtpMidiUnit.Names(port) && !RtpMidiUnit.TryParse(port, midi.RtpPort, out _, out string? rtpError))
            {
                error = $"--map {rtpError}";
                return false;
            }
            if (list.Any(m => m.Port == port) || midi.Units.Contains(port))
            {
                error = $"--map {text}: port {port} is already bound to {(midi.Units.Contains(port) ? "the Mackie Control surface (--mcu/--hui/--rtpmidi)" : "another --map")}; each port drives one surface";
                return false;
            }
            try
            {
                bool shipped = MappingProfileReader.Shipped.Contains(profile);
                list.Add(new ServeMapping(port, MappingProfileReader.Load(profile), shipped ? null : profile));
            }
            catch (MappingProfileException e)
            {
                error = $"--map {text}: {e.Message}";
                return false;
            }
        }
        return true;
    }
}
