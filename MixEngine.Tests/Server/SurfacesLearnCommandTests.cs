using MixEngine.Server.Cli;
using MixEngine.Surfaces.Mapping;
using MixEngine.Tests.Surfaces.Midi;

namespace MixEngine.Tests.Server;

public class SurfacesLearnCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("surfaces-learn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Exit, string Out, string Err) Learn(byte[] sent, params string[] args)
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "BCF", "BCF2000"));
        File.WriteAllBytes(Path.Combine(dev, "midiC1D0"), sent);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SurfacesCommand.Create(Terminal.Plain(output, error), dev, proc).Parse(["learn", "alsa:BCF/0", .. args]).Invoke();
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Learn_writes_a_new_profile_with_the_control_moved_and_updates_it_on_the_next_learn()
    {
        string file = Path.Combine(_root, "bcf.json");

        var (exit, output, _) = Learn([0xB0, 0x51, 0x10, 0xB0, 0x51, 0x12], "strip/1/fader", "--profile", file, "--name", "fader 1");
        Assert.Equal(0, exit);
        Assert.EndsWith($"learned cc ch1 #81 -> strip/1/fader; saved {file}\n", output);
        (exit, _, _) = Learn([0xB0, 0x10, 0x41, 0xB0, 0x10, 0x41], "attention/1", "--profile", file, "--relative", "binaryOffset");
        Assert.Equal(0, exit);
        (exit, _, _) = Learn([0xB0, 0x51, 0x20], "strip/2/fader", "--profile", file); // the same control again: rebound

        var profile = MappingProfileReader.Load(file);
        Assert.Equal("bcf", profile.Name);
        Assert.Equal(["attention/1", "strip/2/fader"], profile.Controls.Select(c => c.Action.Text));
        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange, 0, 16, RelativeEncoding.BinaryOffset), profile.Controls[0].Midi);
        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange, 0, 81), profile.Controls[1].Midi);
    }

    [Fact]
    public void Learn_refuses_bad_targets_styles_and_profiles_and_says_when_nothing_moved()
    {
        string bad = Path.Combine(_root, "bad.json");
        File.WriteAllText(bad, "{ \"mixengineSurfaceProfile\": 1 }");

        Assert.Contains("'fader' is neither a target", Learn([], "fader", "--profile", Path.Combine(_root, "x.json")).Err);
        Assert.Contains("--relative 'spin' is not a relative style", Learn([], "attention/1", "--profile", Path.Combine(_root, "x.json"), "--relative", "spin").Err);
        Assert.Contains($"mapping profile {bad}", Learn([], "strip/1/fader", "--profile", bad).Err);
        var (exit, _, err) = Learn([0x90, 0x10, 0x00], "strip/1/fader", "--profile", Path.Combine(_root, "y.json"));
        Assert.Equal(1, exit);
        Assert.Contains("no control was moved on alsa:BCF/0; nothing written", err);
        Assert.False(File.Exists(Path.Combine(_root, "y.json")));
    }
}
