using System.CommandLine;
using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine surfaces learn PORT TARGET --profile FILE</c>: waits for a control to be moved on the device on PORT and
/// writes the binding into the profile FILE (created when missing; a control on the same MIDI message is replaced), so a
/// profile is built by moving controls one by one. Runs on the CLI's main thread.
/// </summary>
internal static class SurfacesLearnCommand
{
    /// <summary>Builds the sub-verb reading devices from the given roots.</summary>
    public static Command Create(Terminal terminal, string deviceRoot, string procRoot)
    {
        var portArgument = new Argument<string>("PORT") { Description = "Port id from 'mixengine surfaces list' (e.g. alsa:BCF2000/0)" };
        var targetArgument = new Argument<string>("TARGET") { Description = "What the control drives: a target (strip/1/fader, selected/pan/x, attention/2, track/DX 1/mute) or a command (transport/play, layout:Dialog)" };
        var profileOption = new Option<string>("--profile") { Description = "The profile file to write (created when missing)", Required = true };
        var nameOption = new Option<string?>("--name") { Description = "A name for the control (default: the target)" };
        var relativeOption = new Option<string?>("--relative") { Description = "The control is a relative encoder in this style: " + string.Join(", ", RelativeEncoder.Names.Keys) };
        var timeoutOption = new Option<double>("--timeout") { Description = "Seconds to wait for a control to move", DefaultValueFactory = _ => 30 };
        var learn = new Command("learn", "Bind the next control moved on a MIDI device to a target or command in a mapping profile")
        {
            portArgument, targetArgument, profileOption, nameOption, relativeOption, timeoutOption,
        };
        learn.SetAction(async (parse, cancel) =>
        {
            string id = parse.GetValue(portArgument)!, target = parse.GetValue(targetArgument)!, file = parse.GetValue(profileOption)!;
            if (!TryPrepare(parse.GetValue(relativeOption), target, file, parse.GetValue(timeoutOption), out var relative, out var action, out var profile, out string? error))
            {
                terminal.Error.WriteLine($"mixengine surfaces learn: {error}");
                return ExitCode.InvalidInput;
            }
            var devices = AlsaRawMidiDevices.List(deviceRoot, procRoot);
            if (devices.FirstOrDefault(d => d.Id == id) is not { } device)
            {
                terminal.Error.WriteLine($"mixengine surfaces learn: no ALSA raw MIDI port has the id {id}; present: " +
                    (devices.Count == 0 ? "none" : string.Join(", ", devices.Select(d => d.Id))));
                return ExitCode.InvalidInput;
            }
            MidiBinding? midi;
            try
            {
                await using var port = AlsaRawMidiPort.Open(device);
                terminal.Output.WriteLine($"move the control for {target} on {id} …");
                midi = await PortLearn.RunAsync(port, relative, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(parse.GetValue(timeoutOption)), cancel);
            }
            catch (IOException e)
            {
                terminal.Error.WriteLine($"mixengine surfaces learn: {e.Message}");
                return ExitCode.Failed;
            }
            if (midi is null)
            {
                terminal.Error.WriteLine($"mixengine surfaces learn: no control was moved on {id}; nothing written to {file}");
                return ExitCode.Failed;
            }
            var control = new MappingControl(parse.GetValue(nameOption) ?? target, midi, action!);
            MappingProfileWriter.Save(profile!.With(control), file);
            terminal.Output.WriteLine($"learned {midi} -> {target}; saved {Path.GetFullPath(file)}");
            return ExitCode.Ok;
        });
        return learn;
    }

    /// <summary>Checks the options and reads the profile (or starts a new one named after the file); false with the problem.</summary>
    private static bool TryPrepare(string? relativeText, string target, string file, double timeout, out RelativeEncoding relative, out MappingAction? action,
        out MappingProfile? profile, out string? error)
    {
        relative = RelativeEncoding.None;
        action = null;
        profile = null;
        error = null;
        if (!(timeout > 0))
        {
            error = $"--timeout {timeout} must be a positive number of seconds";
            return false;
        }
        if (relativeText is not null && !RelativeEncoder.Names.TryGetValue(relativeText, out relative))
        {
            error = $"--relative '{relativeText}' is not a relative style; expected one of {string.Join(", ", RelativeEncoder.Names.Keys)}";
            return false;
        }
        try
        {
            action = MappingAction.Parse(target);
            if (action.Kind == MappingActionKind.Command && relative != RelativeEncoding.None)
                throw new ArgumentException($"'{target}' is a command; a relative encoder cannot run a command");
            profile = File.Exists(file) ? MappingProfileReader.Load(file)
                : new MappingProfile(Path.GetFileNameWithoutExtension(file), 8, [], []);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or MappingProfileException)
        {
            error = e.Message;
            return false;
        }
    }
}
