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
    public void The_verb_is_registered_in_the_command_line()
    {
        var (exit, output, _) = CliRun.Run("surfaces", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("list", output);
    }
}
