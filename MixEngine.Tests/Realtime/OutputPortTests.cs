using MixEngine.Files;
using MixEngine.Realtime;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public class OutputPortTests
{
    private static SessionBuilder Buses() => new SessionBuilder()
        .Bus("pm", ChannelLayout.Surround51).Bus("dx", ChannelLayout.Mono, output: "pm").Bus("fx", ChannelLayout.Stereo);

    [Fact]
    public void Ports_are_named_after_each_printed_bus_first_print_and_the_speaker_labels()
    {
        var session = Buses().Print("pm", "masters/PM_51.wav").Print("pm", "PM_51_mm.wav", layout: MixEngine.Session.PrintLayout.MultiMono).Print("dx", "DX.wav").Build();
        var ports = OutputPort.ForSession(session);
        Assert.Equal(["PM_51:L", "PM_51:R", "PM_51:C", "PM_51:LFE", "PM_51:Ls", "PM_51:Rs", "DX:C"], ports.Select(p => p.Name));
        Assert.Equal(("pm", 3), (ports[3].BusId, ports[3].Channel));
        Assert.Equal(("dx", 0), (ports[6].BusId, ports[6].Channel));
    }

    [Fact]
    public void Without_prints_every_bus_that_feeds_no_other_bus_plays_under_its_name()
    {
        var ports = OutputPort.ForSession(Buses().Build());
        Assert.Equal(["pm:L", "pm:R", "pm:C", "pm:LFE", "pm:Ls", "pm:Rs", "fx:L", "fx:R"], ports.Select(p => p.Name));
    }

    [Fact]
    public void The_monitor_adds_ports_in_the_printmaster_layout_and_an_unknown_source_is_refused_by_name()
    {
        var session = Buses().Print("dx", "DX.wav").Build();
        var ports = OutputPort.ForSession(session, monitor: true);
        Assert.Equal(["DX:C", "monitor:L", "monitor:R", "monitor:C", "monitor:LFE", "monitor:Ls", "monitor:Rs"], ports.Select(p => p.Name));
        Assert.Equal((MonitorPath.PortBus, 2), (ports[3].BusId, ports[3].Channel));
        Assert.Equal("fx", OutputPort.MonitorSourceId(session, "fx"));
        var e = Assert.Throws<ArgumentException>(() => OutputPort.MonitorSourceId(session, "nope"));
        Assert.Contains("monitor source 'nope'", e.Message);
        Assert.Contains("has no bus", Assert.Throws<ArgumentException>(() => OutputPort.ForSession(new SessionBuilder().Build(), monitor: true)).Message);
    }
}
