using System.CommandLine;
using System.Net;
using MixEngine.Server.Cli;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.ControlPlane;
using MixEngine.Tests.Surfaces.Midi;
using Serilog;

namespace MixEngine.Tests.Server;

public class MidiSurfaceHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcu-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (bool Ok, ServeMidiSettings Settings, string? Error) Parse(params string[] args)
    {
        var options = new ServeMidiOptions();
        var command = new Command("serve");
        options.AddTo(command);
        bool ok = options.TryRead(command.Parse(args), out var settings, out string? error);
        return (ok, settings, error);
    }

    [Fact]
    public void Rtpmidi_alone_makes_the_network_session_the_main_unit_on_5004()
    {
        var (ok, settings, _) = Parse("--rtpmidi");
        Assert.True(ok);
        Assert.Equal(["rtpmidi"], settings.Units);
        Assert.Equal(5004, settings.RtpPort);
        Assert.Equal(IPAddress.Any, settings.RtpBind);

        var (_, ordered, _) = Parse("--mcu", "alsa:XTouch/0", "--rtpmidi", "--mcu-master", "bus/pm");
        Assert.Equal(["alsa:XTouch/0", "rtpmidi"], ordered.Units); // an unlisted session comes after the listed units
        Assert.Equal("bus/pm", ordered.Master);
        var (_, hui, _) = Parse("--mcu", "alsa:XTouch/0", "--hui", "alsa:Hui/0");
        Assert.Equal(["alsa:XTouch/0", "alsa:Hui/0"], hui.Units);
        Assert.Equal(["alsa:Hui/0"], hui.HuiUnits);
        Assert.False(Parse().Settings.Enabled);
    }

    [Theory]
    [InlineData("--rtpmidi-port", "65535", "--rtpmidi-port 65535 is out of range")]
    [InlineData("--rtpmidi-bind", "nowhere", "--rtpmidi-bind 'nowhere' is not an IP address")]
    public void Bad_options_are_refused_naming_the_option(string option, string value, string expected)
    {
        var (ok, _, error) = Parse("--rtpmidi", option, value);
        Assert.False(ok);
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void Xtouch_marks_a_unit_as_an_X_Touch_placed_after_the_listed_units_and_not_as_HUI_too()
    {
        var (ok, settings, _) = Parse("--mcu", "alsa:XTouch/0", "--xtouch", "alsa:XTouch/0", "--xtouch", "alsa:XTouchExt/0");
        Assert.True(ok);
        Assert.Equal(["alsa:XTouch/0", "alsa:XTouchExt/0"], settings.Units);
        Assert.Equal(["alsa:XTouch/0", "alsa:XTouchExt/0"], settings.XTouchUnits);

        var (both, _, error) = Parse("--xtouch", "alsa:X/0", "--hui", "alsa:X/0");
        Assert.False(both);
        Assert.Equal("--xtouch alsa:X/0 is also given as --hui; an X-Touch speaks MCU", error);
    }

    [Fact]
    public void A_unit_bound_twice_is_refused()
    {
        var (ok, _, error) = Parse("--mcu", "alsa:X/0", "--mcu", "alsa:X/0");
        Assert.False(ok);
        Assert.Equal("--mcu alsa:X/0 is given 2 times; each unit needs its own port", error);
    }

    [Fact]
    public void An_unknown_port_id_names_the_option_and_the_ports_present()
    {
        var (dev, proc) = AlsaRawMidiDevicesTests.FakeAlsa(_root, (1, 0, "XTouch", "X-Touch"));
        using var f = new ControlFixture(hubThread: true);
        var settings = new ServeMidiSettings(false, IPAddress.Loopback, 5004, ["alsa:Nope/0"], null, []);

        var e = Assert.Throws<InvalidOperationException>(() => MidiSurfaceHost.Start(f.Control, 48000, settings, new LoggerConfiguration().CreateLogger(), dev, proc));

        Assert.Equal("MIDI: --mcu alsa:Nope/0: no ALSA raw MIDI port has that id; present: alsa:XTouch/0 (mixengine surfaces list)", e.Message);
    }

    [Fact]
    public async Task A_surface_joining_the_rtpmidi_session_moves_a_fader_and_gets_the_echo()
    {
        using var f = new ControlFixture(hubThread: true);
        var settings = new ServeMidiSettings(true, IPAddress.Loopback, 0, ["rtpmidi"], "bus/pm", []);
        await using var host = MidiSurfaceHost.Start(f.Control, 48000, settings, new LoggerConfiguration().CreateLogger());
        await using var unit = RtpMidiSession.Listen("test surface", IPAddress.Loopback, 0);

        await unit.InviteAsync(host.Sessions[0].ControlEndPoint, TimeSpan.FromSeconds(20));
        await unit.SendAsync(HostConnectionQuery(0x14));
        await unit.SendAsync(new byte[] { 0xE0, 0x00, 0x40 });

        var fader = f.Control.Resolve("track/DX 1/fader");
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(f.Control.GetParameter(fader) + 10.0) < 0.005, 10_000)); // one 14-bit step: 0.003 dB
        await ReceiveUntil(unit, "E0 00 40");
        Assert.Equal([true], host.Surface.Online);
    }

    [Fact]
    public async Task Two_network_units_bind_their_own_sessions_by_port_whichever_connects_first()
    {
        using var f = new ControlFixture(hubThread: true);
        await using var extender = RtpMidiSession.Listen("extender", IPAddress.Loopback, 0); // waits to be invited, as a networked X-Touch does
        var settings = new ServeMidiSettings(true, IPAddress.Loopback, 0, ["rtpmidi:0", $"rtpmidi@{extender.ControlEndPoint}"], "bus/pm", []);
        await using var host = MidiSurfaceHost.Start(f.Control, 48000, settings, new LoggerConfiguration().CreateLogger());
        Assert.Equal(host.Sessions.Select(s => s.Id), host.Surface.UnitIds);

        await extender.Connected.WaitAsync(TimeSpan.FromSeconds(20)); // the host invited it
        await extender.SendAsync(HostConnectionQuery(0x15));
        Assert.True(SpinWait.SpinUntil(() => host.Surface.Online.SequenceEqual([false, true]), 10_000)); // unit 2, though it spoke first
        await using var main = RtpMidiSession.Listen("main", IPAddress.Loopback, 0);
        await main.InviteAsync(host.Sessions[0].ControlEndPoint, TimeSpan.FromSeconds(20)); // the main unit joins the listening session
        await main.SendAsync(HostConnectionQuery(0x14));
        await main.SendAsync(new byte[] { 0xE0, 0x00, 0x40 });
        await extender.SendAsync(new byte[] { 0xE0, 0x00, 0x20 });

        await ReceiveUntil(main, "E0 00 40");
        await ReceiveUntil(extender, "E0 00 20");
        Assert.True(SpinWait.SpinUntil(() => host.Surface.Online.SequenceEqual([true, true]), 10_000));
        var fader = f.Control.Resolve("track/DX 1/fader");
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(f.Control.GetParameter(fader) + 10.0) < 0.005, 10_000)); // the main unit's strip 1
        Assert.Equal("extender", host.Sessions[1].PeerName);
        Assert.Equal("main", host.Sessions[0].PeerName);
    }

    [Fact]
    public async Task An_invited_unit_that_leaves_is_invited_again_and_gets_its_whole_state()
    {
        using var f = new ControlFixture(hubThread: true);
        var first = RtpMidiSession.Listen("xtouch", IPAddress.Loopback, 0);
        int port = first.ControlEndPoint.Port;
        var settings = new ServeMidiSettings(true, IPAddress.Loopback, 0, [$"rtpmidi@{first.ControlEndPoint}"], "bus/pm", []);
        await using var host = MidiSurfaceHost.Start(f.Control, 48000, settings, new LoggerConfiguration().CreateLogger());
        await first.Connected.WaitAsync(TimeSpan.FromSeconds(20));
        await ReceiveUntil(first, "SysEx F000006614200003F7"); // the whole state on joining: meter mode of strip 1 first

        await first.DisposeAsync(); // the unit is switched off (BY) …
        // Once in CI the unit was not offline 10 s after its BY (cause not found); the session's 30 s peer timeout is the
        // fallback a real unit that vanishes relies on, so the wait covers it.
        Assert.True(SpinWait.SpinUntil(() => host.Surface.Online.SequenceEqual([false]), 40_000));
        await using var again = RtpMidiSession.Listen("xtouch", IPAddress.Loopback, port); // … and on again, waiting to be invited

        await again.Connected.WaitAsync(TimeSpan.FromSeconds(20)); // the host invites it again (once a second while it is away)
        await ReceiveUntil(again, "SysEx F000006614200003F7");
        await again.SendAsync(new byte[] { 0xE0, 0x00, 0x40 });
        await ReceiveUntil(again, "E0 00 40");
        Assert.True(SpinWait.SpinUntil(() => host.Surface.Online.SequenceEqual([true]), 10_000));
        Assert.Equal(2, host.Sessions[0].Connections);
    }

    [Theory]
    [InlineData("rtpmidi:abc", "--mcu rtpmidi:abc: 'abc' is not a UDP port")]
    [InlineData("rtpmidi:65535", "--mcu rtpmidi:65535: '65535' is not a UDP port")]
    [InlineData("rtpmidi@nowhere", "--mcu rtpmidi@nowhere: 'nowhere' is not a peer address")]
    public void A_bad_network_unit_is_refused_naming_it(string unit, string expected)
    {
        var (ok, _, error) = Parse("--mcu", unit);
        Assert.False(ok);
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void A_network_unit_whose_port_is_taken_names_the_unit_and_the_port()
    {
        using var taken = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;
        using var f = new ControlFixture(hubThread: true);
        var settings = new ServeMidiSettings(false, IPAddress.Loopback, 5004, [$"rtpmidi:{port}"], null, []);

        var e = Assert.Throws<InvalidOperationException>(() => MidiSurfaceHost.Start(f.Control, 48000, settings, new LoggerConfiguration().CreateLogger()));

        Assert.StartsWith($"MIDI: --mcu rtpmidi:{port}: cannot listen on 127.0.0.1 port {port}", e.Message);
    }

    /// <summary>A Host Connection Query (cmd 01) from device <paramref name="device"/> with a zero serial and challenge: the unit announces itself.</summary>
    private static byte[] HostConnectionQuery(byte device) => [0xF0, 0x00, 0x00, 0x66, device, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF7];

    /// <summary>Reads what the engine sends to <paramref name="unit"/> until <paramref name="item"/> ("E0 00 40") has come (10 s at most).</summary>
    private static async Task ReceiveUntil(RtpMidiSession unit, string item)
    {
        var sink = new CollectingMidiSink();
        var parser = new MidiStreamParser();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!sink.Items.Contains(item))
        {
            int n = await unit.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(0, n);
            parser.Push(buffer.AsSpan(0, n), sink);
        }
    }
}
