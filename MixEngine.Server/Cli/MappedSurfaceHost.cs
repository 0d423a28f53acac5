using MixEngine.ControlPlane;
using MixEngine.Protocol.Services;
using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// The mapped surfaces of <c>mixengine serve --map</c>: opens each port (an ALSA raw MIDI device by its stable id, or an
/// RTP-MIDI session, <see cref="RtpMidiUnit"/>) and binds a <see cref="MappedSurface"/> with its profile;
/// serves them to the gRPC surfaces service as <see cref="ISurfaceMappings"/>. Created and disposed on the CLI's main
/// thread; learn and save calls come from gRPC request threads (the surfaces are thread-safe).
/// </summary>
internal sealed class MappedSurfaceHost : IAsyncDisposable, ISurfaceMappings
{
    private readonly List<IMidiPort> _ports;

    /// <summary>A host over running <paramref name="surfaces"/> (each under the port name it was configured with) that owns and closes <paramref name="ports"/>.</summary>
    internal MappedSurfaceHost(IReadOnlyList<(string Port, MappedSurface Surface)> surfaces, List<IMidiPort> ports)
    {
        All = surfaces;
        _ports = ports;
    }

    /// <summary>The surfaces with the port names they were configured with (<c>alsa:BCF/0</c>, <c>rtpmidi</c>), in the order given.</summary>
    public IReadOnlyList<(string Port, MappedSurface Surface)> All { get; }

    /// <summary>The ports opened, in the order given.</summary>
    public IReadOnlyList<IMidiPort> Ports => _ports;

    /// <inheritdoc/>
    public IReadOnlyList<MappedSurfaceSummary> Surfaces =>
        [.. All.Select(s => new MappedSurfaceSummary(s.Port, s.Surface.Profile.Name, s.Surface.ProfilePath, s.Surface.Profile.Controls.Count))];

    /// <summary>
    /// Opens the ports and starts one surface per mapping; throws <see cref="InvalidOperationException"/> starting "MIDI:"
    /// naming the option and the port when a port is unknown or cannot be opened (nothing stays open then).
    /// </summary>
    public static MappedSurfaceHost Start(IMixControl control, int sampleRate, IReadOnlyList<ServeMapping> mappings, ServeMidiSettings midi, ILogger log,
        string deviceRoot = AlsaRawMidiDevices.DeviceRoot, string procRoot = AlsaRawMidiDevices.ProcRoot)
    {
        var ports = new List<IMidiPort>();
        var surfaces = new List<(string, MappedSurface)>();
        try
        {
            var devices = mappings.Any(m => !RtpMidiUnit.Names(m.Port)) ? AlsaRawMidiDevices.List(deviceRoot, procRoot) : [];
            foreach (var mapping in mappings)
            {
                var port = Open(mapping, devices, midi, log);
                ports.Add(port);
                surfaces.Add((mapping.Port, new MappedSurface(control, port, mapping.Profile, sampleRate, new MappedSurfaceOptions
                {
                    ProfilePath = mapping.ProfilePath,
                    Log = (template, values) => log.Warning(template, values),
                })));
                log.Information("Mapped surface on {Port}: profile {Profile} ({Controls} controls, {Strips} strips)",
                    port.Id, mapping.Profile.Name, mapping.Profile.Controls.Count, mapping.Profile.Strips);
            }
            return new MappedSurfaceHost(surfaces, ports);
        }
        catch
        {
            foreach (var (_, surface) in surfaces) surface.DisposeAsync().AsTask().GetAwaiter().GetResult();
            foreach (var port in ports) port.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<LearnedControl> LearnAsync(string port, string target, string? name, string? relative, CancellationToken cancellationToken)
    {
        var style = RelativeEncoding.None;
        if (relative is not null && !RelativeEncoder.Names.TryGetValue(relative, out style))
            throw new ArgumentException($"relative: '{relative}' is not a relative style; expected one of {string.Join(", ", RelativeEncoder.Names.Keys)}");
        var control = await Find(port).LearnAsync(target, name, style, cancellationToken);
        return new LearnedControl(port, control.Midi.ToString(), control.Action.Text, MappingProfileWriter.ControlJson(control));
    }

    /// <inheritdoc/>
    public string SaveProfile(string port) => Find(port).SaveProfile();

    /// <summary>Stops the surfaces, then closes the ports.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, surface) in All) await surface.DisposeAsync();
        foreach (var port in _ports) await port.DisposeAsync();
    }

    private MappedSurface Find(string port) =>
        All.FirstOrDefault(s => s.Port == port).Surface ?? throw new ArgumentException($"port: no mapped surface on '{port}'");

    private static IMidiPort Open(ServeMapping mapping, IReadOnlyList<AlsaRawMidiDevice> devices, ServeMidiSettings midi, ILogger log)
    {
        if (RtpMidiUnit.Names(mapping.Port))
        {
            if (!RtpMidiUnit.TryParse(mapping.Port, midi.RtpPort, out var rtp, out string? error)) throw new InvalidOperationException($"MIDI: --map {error}");
            return rtp.Open(midi.RtpBind, "--map", log);
        }
        var device = devices.FirstOrDefault(d => d.Id == mapping.Port)
            ?? throw new InvalidOperationException($"MIDI: --map {mapping.Port}: no ALSA raw MIDI port has that id; present: " +
                (devices.Count == 0 ? "none" : string.Join(", ", devices.Select(d => d.Id))) + " (mixengine surfaces list)");
        try
        {
            return AlsaRawMidiPort.Open(device);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"MIDI: --map {mapping.Port}: {e.Message}", e);
        }
    }
}
