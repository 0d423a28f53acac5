using System.CommandLine;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine surfaces list</c>: lists the MIDI ports a control surface can bind to (ALSA raw MIDI device files)
/// with their stable ids, alsa-lib names, device paths and port names; <c>mixengine surfaces monitor PORT</c> prints the
/// decoded traffic a port sends (Mackie Control meanings, malformed stretches with their offsets) until it closes;
/// <c>mixengine surfaces learn PORT TARGET --profile FILE</c> binds the next control moved to a target in a mapping profile.
/// Runs on the CLI's main thread.
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
        return new Command("surfaces", "Control surface ports and connections") { list, Monitor(terminal, deviceRoot, procRoot), SurfacesLearnCommand.Create(terminal, deviceRoot, procRoot) };
    }

    private static Command Monitor(Terminal terminal, string deviceRoot, string procRoot)
    {
        var portArgument = new Argument<string>("PORT") { Description = "Port id from 'mixengine surfaces list' (e.g. alsa:XTouch/0)" };
        var monitor = new Command("monitor", "Print the decoded MIDI a surface port sends (Mackie Control meanings), until the port closes or Ctrl-C") { portArgument };
        monitor.SetAction(async (parse, cancel) =>
        {
            string id = parse.GetValue(portArgument)!;
            var devices = AlsaRawMidiDevices.List(deviceRoot, procRoot);
            var device = devices.FirstOrDefault(d => d.Id == id);
            if (device is null)
            {
                terminal.Error.WriteLine($"mixengine surfaces monitor: no ALSA raw MIDI port has the id {id}; present: " +
                    (devices.Count == 0 ? "none" : string.Join(", ", devices.Select(d => d.Id))));
                return ExitCode.InvalidInput;
            }
            AlsaRawMidiPort port;
            try
            {
                port = AlsaRawMidiPort.Open(device);
            }
            catch (IOException e)
            {
                terminal.Error.WriteLine($"mixengine surfaces monitor: {e.Message}");
                return ExitCode.Failed;
            }
            await using (port)
            {
                var reader = new MidiPortReader(port, new MonitorSink(terminal.Output));
                await reader.RunAsync(cancel);
                terminal.Output.WriteLine($"{reader.Delivered} messages, {reader.Malformed} malformed stretches dropped");
            }
            return ExitCode.Ok;
        });
        return monitor;
    }

    /// <summary>Prints each message as its bytes and its MCU meaning, and each fault with its byte offset.</summary>
    private sealed class MonitorSink(TextWriter output) : IMidiSink
    {
        public void OnMessage(MidiMessage message) => output.WriteLine($"{message,-9}  {McuTraffic.Describe(message)}");

        public void OnSysEx(ReadOnlySpan<byte> sysEx) => output.WriteLine($"{Convert.ToHexString(sysEx)}  {McuTraffic.Describe(sysEx)}");

        public void OnMalformed(MidiFault fault) => output.WriteLine($"malformed: {fault}");
    }
}
