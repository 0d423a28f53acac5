using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class StripResolutionTests
{
    [Fact]
    public void Vca_faders_add_in_dB_to_member_faders_and_vca_mute_mutes_members()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("dx", ChannelLayout.Mono, "pm")
            .Track("a", ChannelLayout.Mono, "dx", Strip.Default with { FaderDb = -3 })
            .Vca("v1", -2, false, "a", "dx").Vca("v2", -1, true, "dx").Build();
        var s = StripResolution.Resolve(session, 64);
        // 1e-15: one Math.Pow rounding
        Assert.Equal(Decibels.ToGain(-5), s["a"].OutputGain, 1e-15);
        Assert.Equal(Decibels.ToGain(-3), s["dx"].OutputGain, 1e-15);
        Assert.False(s["a"].Muted);
        Assert.True(s["dx"].Muted);
        Assert.False(s["pm"].Muted);
    }

    [Fact]
    public void Without_any_solo_nothing_is_implicitly_muted()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm").Track("b", ChannelLayout.Mono, "pm").Build();
        Assert.All(StripResolution.Resolve(session, 64).Values, g => Assert.False(g.Muted));
    }

    [Fact]
    public void A_soloed_bus_keeps_the_tracks_feeding_it_audible_and_never_mutes_buses()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Bus("stem", ChannelLayout.Mono, "pm").Bus("sub", ChannelLayout.Mono, "stem", Strip.Default with { Solo = true })
            .Track("deep", ChannelLayout.Mono, "sub").Track("other", ChannelLayout.Mono, "stem").Build();
        var s = StripResolution.Resolve(session, 64);
        Assert.False(s["deep"].Muted);
        Assert.True(s["other"].Muted);
        Assert.False(s["stem"].Muted);
        Assert.False(s["pm"].Muted);
    }

    [Fact]
    public void Polarity_inverts_the_input_gain_after_trim()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", Strip.Default with { TrimDb = 6, Polarity = true }).Build();
        Assert.Equal(-Decibels.ToGain(6), StripResolution.Resolve(session, 64)["a"].InputGain); // exact: sign flip only
    }
}
