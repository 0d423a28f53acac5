using MixEngine.ControlPlane;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// The Mackie Control surface of <c>mixengine serve</c>: opens the configured units' ports (ALSA raw MIDI devices by
/// their stable id, RTP-MIDI sessions each on its own UDP pair, <see cref="RtpMidiUnit"/>) and binds an
/// <see cref="McuSurface"/> to them in the configured order. Created and disposed on the CLI's main thread; the surface
/// runs its own threads; invitations run on the thread pool until answered or the session is closed.
/// </summary>
internal sealed class MidiSurfaceHost : IAsyncDisposable
{
    private readonly List<IMidiPort> _ports;

    private MidiSurfaceHost(McuSurface surface, List<IMidiPort> ports)
    {
        Surface = surface;
        _ports = ports;
    }

    /// <summary>The surface.</summary>
    public McuSurface Surface { get; }

    /// <summary>The RTP-MIDI sessions of the units that are on the network, in unit order.</summary>
    public IReadOnlyList<RtpMidiSession> Sessions => [.. _ports.OfType<RtpMidiSession>()];

    /// <summary>
    /// Opens the ports and starts the surface; throws <see cref="InvalidOperationException"/> starting "MIDI:" naming the
    /// option and the port when a port is unknown or cannot be opened (nothing stays open then).
    /// </summary>
    public static MidiSurfaceHost Start(IMixControl control, int sampleRate, ServeMidiSettings settings, ILogger log,
        string deviceRoot = AlsaRawMidiDevices.DeviceRoot, string procRoot = AlsaRawMidiDevices.ProcRoot)
    {
        var ports = new List<IMidiPort>();
        try
        {
            var devices = settings.Units.Any(u => !RtpMidiUnit.Names(u)) ? AlsaRawMidiDevices.List(deviceRoot, procRoot) : [];
            foreach (string unit in settings.Units)
            {
                if (RtpMidiUnit.Names(unit))
                {
                    if (!RtpMidiUnit.TryParse(unit, settings.RtpPort, out var rtp, out string? error)) throw new InvalidOperationException($"MIDI: --mcu {error}");
                    ports.Add(rtp.Open(settings.RtpBind, "--mcu", log));
                    continue;
                }
                var device = devices.FirstOrDefault(d => d.Id == unit)
                    ?? throw new InvalidOperationException($"MIDI: --mcu {unit}: no ALSA raw MIDI port has that id; present: " +
                        (devices.Count == 0 ? "none" : string.Join(", ", devices.Select(d => d.Id))) + " (mixengine surfaces list)");
                try
                {
                    ports.Add(AlsaRawMidiPort.Open(device));
                }
                catch (IOException e)
                {
                    throw new InvalidOperationException($"MIDI: --mcu {unit}: {e.Message}", e);
                }
            }
            var surface = new McuSurface(control, ports, sampleRate, new McuSurfaceOptions
            {
                MasterStrip = settings.Master,
                HuiPorts = [.. ports.Where((_, i) => settings.HuiUnits.Contains(settings.Units[i])).Select(p => p.Id)],
                XTouchPorts = [.. ports.Where((_, i) => settings.XTouchUnits.Contains(settings.Units[i])).Select(p => p.Id)],
                Log = (template, values) => log.Warning(template, values),
            });
            log.Information("MCU: {Units} unit(s) left to right: {Ids}; master fader {Master}", ports.Count,
                string.Join(", ", settings.Units.Select((u, i) => u == ports[i].Id ? u : $"{u} ({ports[i].Id})")), settings.Master ?? "unassigned");
            return new MidiSurfaceHost(surface, ports);
        }
        catch
        {
            DisposePorts(ports);
            throw;
        }
    }

    /// <summary>Stops the surface, then closes the ports.</summary>
    public async ValueTask DisposeAsync()
    {
        await Surface.DisposeAsync();
        foreach (var port in _ports) await port.DisposeAsync();
    }

    private static void DisposePorts(List<IMidiPort> ports)
    {
        foreach (var port in ports) port.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
