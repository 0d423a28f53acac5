using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class SoloBoardTests
{
    private static MixSession Session() => new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("fx", ChannelLayout.Mono, "pm")
        .Track("a", ChannelLayout.Mono, "pm").Track("b", ChannelLayout.Mono, "pm")
        .Track("c", ChannelLayout.Mono, "fx", Strip.Default with { SoloSafe = true }).Track("d", ChannelLayout.Mono, "fx").Build();

    [Fact]
    public void Soloing_a_track_live_mutes_every_other_track_except_solo_safe_ones()
    {
        var live = StripResolution.ResolveLive(Session(), 16);
        live.Parameters["track/a/solo"].RtSet(1);
        Assert.False(live.Stages["a"].Muted);
        Assert.True(live.Stages["b"].Muted);
        Assert.False(live.Stages["c"].Muted);
        Assert.True(live.Stages["d"].Muted);
        Assert.False(live.Stages["pm"].Muted);
        live.Parameters["track/a/solo"].RtSet(0);
        Assert.All(live.Stages.Values, s => Assert.False(s.Muted));
    }

    [Fact]
    public void Soloing_a_bus_keeps_the_tracks_that_reach_it_audible()
    {
        var live = StripResolution.ResolveLive(Session(), 16);
        live.Parameters["bus/fx/solo"].RtSet(1);
        Assert.True(live.Stages["a"].Muted);
        Assert.False(live.Stages["d"].Muted);
        live.Parameters["track/d/soloSafe"].RtSet(1);
        live.Parameters["bus/fx/solo"].RtSet(0);
        live.Parameters["track/a/solo"].RtSet(1);
        Assert.False(live.Stages["d"].Muted);
        Assert.True(live.Stages["b"].Muted);
    }
}
