using System.CommandLine;
using System.Net;
using MixEngine.Server.Cli;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.ControlPlane;
using MixEngine.Tests.Surfaces.Midi;
using Serilog;

namespace MixEngine.Tests.Server;

public class MappedSurfaceHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mapped-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (bool Ok, IReadOnlyList<ServeMapping> Mappings, string? Error) Parse(params string[] args)
    {
        var midi = new ServeMidiOptions();
        var mapping = new ServeMappingOptions();
        var command = new Command("serve");
        midi.AddTo(command);
        mapping.AddTo(command);
        var parse = command.Parse(args);
        Assert.True(midi.TryRead(parse, out var settings, out _));
        bool ok = mapping.TryRead(parse, settings, out var mappings, out string? error);
        return (ok, mappings, error);
    }

    [Fact]
    public void Map_takes_a_port_and_a_shipped_profile_or_a_profile_file()
    {
        string file = Path.Combine(_root, "desk.json");
        File.WriteAllText(file, """{ "mixengineSurfaceProfile": 1, "name": "desk", "controls": [ { "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/1/fader" } ] }""");

        var (ok, mappings, _) = Parse("--map", "alsa:BCF/0=generic-14bit-faders", "--map", $"rtpmidi={file}");

        Assert.True(ok);
        Assert.Equal(["alsa:BCF/0", "rtpmidi"], mappings.Select(m => m.Port));
        Assert.Null(mappings[0].ProfilePath);
        Assert.Equal("desk", mappings[1].Profile.Name);
        Assert.Equal(file, mappings[1].ProfilePath);
    }

    [Fact]
    public void Bad_maps_are_refused_naming_the_option_the_file_and_the_JSON_path()
    {
        string file = Path.Combine(_root, "bad.json");
        File.WriteAllText(file, """{ "mixengineSurfaceProfile": 1, "name": "bad", "controls": [ { "midi": { "type": "cc", "channel": 0, "number": 7 }, "target": "strip/1/fader" } ] }""");

        Assert.StartsWith($"--map x={file}: mapping profile {file}: 1 problem(s):\n  $.controls[0].midi.channel: expected a whole number 1 … 16", Parse("--map", $"x={file}").Error);
        Assert.StartsWith("--map nothing: expected PORT=PROFILE", Parse("--map", "nothing").Error);
        Assert.StartsWith("--map rtpmidi=generic-14bit-faders: port rtpmidi is already bound to the Mackie Control surface", Parse("--rtpmidi", "--map", "rtpmidi=generic-14bit-faders").Error);
        Assert.StartsWith("--map a=motor-fader-box-7bit: port a is already bound to another --map", Parse("--map", "a=generic-14bit-faders", "--map", "a=motor-fader-box-7bit").Error);
    }

    [Fact]
    public void An_unknown_port_id_names_the_option_and_the_ports_present()
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "BCF", "BCF2000"));
        using var f = new ControlFixture(hubThread: true);
        var (_, mappings, _) = Parse("--map", "alsa:Nope/0=generic-14bit-faders");
        var midi = new ServeMidiSettings(false, IPAddress.Loopback, 5004, [], null, []);

        var e = Assert.Throws<InvalidOperationException>(() => MappedSurfaceHost.Start(f.Control, 48000, mappings, midi, new LoggerConfiguration().CreateLogger(), dev, proc));

        Assert.Equal("MIDI: --map alsa:Nope/0: no ALSA raw MIDI port has that id; present: alsa:BCF/0 (mixengine surfaces list)", e.Message);
    }

    [Fact]
    public async Task A_fader_box_joining_the_rtpmidi_session_drives_a_fader_through_the_shipped_14_bit_profile()
    {
        using var f = new ControlFixture(hubThread: true);
        var (_, mappings, _) = Parse("--map", "rtpmidi=generic-14bit-faders");
        var midi = new ServeMidiSettings(false, IPAddress.Loopback, 0, [], null, []);
        await using var host = MappedSurfaceHost.Start(f.Control, 48000, mappings, midi, new LoggerConfiguration().CreateLogger());
        await using var box = RtpMidiSession.Listen("fader box", IPAddress.Loopback, 0);
        var session = (RtpMidiSession)host.Ports[0];

        await box.InviteAsync(session.ControlEndPoint, TimeSpan.FromSeconds(20));
        await box.SendAsync(new byte[] { 0xB0, 0x10, 0x40, 0xB0, 0x30, 0x00 }); // fader 1 (CC 16/48) to 8192

        var fader = f.Control.Resolve("track/DX 1/fader");
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(f.Control.GetParameter(fader) + 10.0) < 0.005, 10_000)); // one 14-bit step above −10 dB: 0.003 dB
        Assert.Equal("rtpmidi", Assert.Single(host.Surfaces).Port);
    }
}
