using System.CommandLine;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine surfaces list</c>: lists the MIDI ports a control surface can bind to (ALSA raw MIDI device files)
/// with their stable ids, alsa-lib names, device paths and port names. Runs on the CLI's main thread.
/// </summary>
public static class SurfacesCommand
{
    private static readonly string[] Headers = ["Id", "ALSA", "Device", "Name"];

    /// <summary>Builds the verb; called once by <see cref="CommandLineApp"/>.</summary>
    public static Command Create(Terminal terminal) => Create(terminal, AlsaRawMidiDevices.DeviceRoot, AlsaRawMidiDevices.ProcRoot);

    /// <summary>Builds the verb reading devices from other roots (tests).</summary>
    internal static Command Create(Terminal terminal, string deviceRoot, string procRoot)
    {
        var list = new Command("list", "List the MIDI ports surfaces can use (ALSA raw MIDI devices), with the stable id to bind a surface to");
        list.SetAction(_ =>
        {
            var devices = AlsaRawMidiDevices.List(deviceRoot, procRoot);
            if (devices.Count == 0)
            {
                terminal.Output.WriteLine($"no ALSA raw MIDI devices in {deviceRoot}");
                return ExitCode.Ok;
            }
            ResultTable.Write(terminal, Headers, [.. devices.Select(d => new[] { d.Id, d.HardwareName, d.Path, d.Name })]);
            return ExitCode.Ok;
        });
        return new Command("surfaces", "Control surface ports and connections") { list };
    }
}
