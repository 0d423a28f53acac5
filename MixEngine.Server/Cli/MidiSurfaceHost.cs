using MixEngine.ControlPlane;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// The Mackie Control surface of <c>mixengine serve</c>: opens the configured units' ports (ALSA raw MIDI devices by
/// their stable id, the RTP-MIDI session listening on its UDP pair) and binds an <see cref="McuSurface"/> to them in the
/// configured order. Created and disposed on the CLI's main thread; the surface runs its own threads.
/// </summary>
internal sealed class MidiSurfaceHost : IAsyncDisposable
{
    private readonly List<IMidiPort> _ports;

    private MidiSurfaceHost(McuSurface surface, List<IMidiPort> ports, RtpMidiSession? session)
    {
        Surface = surface;
        _ports = ports;
        Session = session;
    }

    /// <summary>The surface.</summary>
    public McuSurface Surface { get; }

    /// <summary>The RTP-MIDI session, when one is configured.</summary>
    public RtpMidiSession? Session { get; }

    /// <summary>
    /// Opens the ports and starts the surface; throws <see cref="InvalidOperationException"/> starting "MIDI:" naming the
    /// option and the port when a port is unknown or cannot be opened (nothing stays open then).
    /// </summary>
    public static MidiSurfaceHost Start(IMixControl control, int sampleRate, ServeMidiSettings settings, ILogger log,
        string deviceRoot = AlsaRawMidiDevices.DeviceRoot, string procRoot = AlsaRawMidiDevices.ProcRoot)
    {
        var ports = new List<IMidiPort>();
        RtpMidiSession? session = null;
        try
        {
            var devices = settings.Units.Any(u => u != ServeMidiSettings.RtpUnit) ? AlsaRawMidiDevices.List(deviceRoot, procRoot) : [];
            foreach (string unit in settings.Units)
            {
                if (unit == ServeMidiSettings.RtpUnit)
                {
                    session = RtpMidiSession.Listen("mixengine", settings.RtpBind, settings.RtpPort);
                    ports.Add(session);
                    log.Information("MCU: RTP-MIDI session listening on UDP {EndPoint} and the next port", session.ControlEndPoint);
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
            log.Information("MCU: {Units} unit(s) left to right: {Ids}; master fader {Master}", ports.Count, string.Join(", ", surface.UnitIds), settings.Master ?? "unassigned");
            return new MidiSurfaceHost(surface, ports, session);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            DisposePorts(ports);
            throw new InvalidOperationException($"MIDI: --rtpmidi-port {settings.RtpPort}: cannot listen on {settings.RtpBind}: {e.Message}", e);
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
