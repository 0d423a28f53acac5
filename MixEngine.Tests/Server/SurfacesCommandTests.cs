using MixEngine.Server.Cli;
using MixEngine.Tests.Surfaces.Midi;

namespace MixEngine.Tests.Server;

public class SurfacesCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("surfaces-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Exit, string Out) Run(string dev, string proc)
    {
        var output = new StringWriter();
        var command = SurfacesCommand.Create(Terminal.Plain(output, new StringWriter()), dev, proc);
        int exit = command.Parse(["list"]).Invoke();
        return (exit, output.ToString());
    }

    [Fact]
    public void List_prints_one_row_per_raw_MIDI_port_with_its_stable_id()
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "XTouch", "X-Touch"));

        var (exit, output) = Run(dev, proc);

        Assert.Equal(0, exit);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("Id", lines[0]);
        Assert.Matches(@"^alsa:XTouch/0\s+hw:1,0\s+\S+midiC1D0\s+X-Touch$", lines[1]);
    }

    [Fact]
    public void List_says_so_when_there_are_no_ports()
    {
        var (exit, output) = Run(Path.Combine(_root, "none"), Path.Combine(_root, "none"));

        Assert.Equal(0, exit);
        Assert.Contains("no ALSA raw MIDI devices", output);
    }

    [Fact]
    public void Monitor_prints_each_message_a_port_sends_with_its_mackie_meaning_and_counts_malformed_bytes()
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "XTouch", "X-Touch"));
        File.WriteAllBytes(Path.Combine(dev, "midiC1D0"), [0x90, 0x68, 0x7F, 0xE0, 0x00, 0x60, 0x90, 0x5E, 0x7F, 0xB0, 0x12, 0x43, 0xF7, 0xF0, 0x00, 0x00, 0x66, 0x15, 0x01, 0x00, 0xF7]);
        var output = new StringWriter();
        var command = SurfacesCommand.Create(Terminal.Plain(output, new StringWriter()), dev, proc);

        int exit = command.Parse(["monitor", "alsa:XTouch/0"]).Invoke();

        Assert.Equal(0, exit);
        Assert.Equal(
        [
            "90 68 7F   fader 1 touched",
            "E0 00 60   fader 1 12288 (0.0 dB)",
            "90 5E 7F   PLAY pressed",
            "B0 12 43   V-pot 3 -3",
            "malformed: MIDI F7 at stream offset 12 without a SysEx in progress",
            "F0000066150100F7  Mackie device 15: host connection query (power-on)",
            "5 messages, 1 malformed stretches dropped",
        ], output.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void Monitor_refuses_an_unknown_port_naming_the_ports_present()
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "XTouch", "X-Touch"));
        var error = new StringWriter();
        var command = SurfacesCommand.Create(Terminal.Plain(new StringWriter(), error), dev, proc);

        Assert.Equal(2, command.Parse(["monitor", "alsa:Nope/0"]).Invoke());
        Assert.Contains("no ALSA raw MIDI port has the id alsa:Nope/0; present: alsa:XTouch/0", error.ToString());
    }

    [Fact]
    public void The_verb_is_registered_in_the_command_line()
    {
        var (exit, output, _) = CliRun.Run("surfaces", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("list", output);
    }
}
