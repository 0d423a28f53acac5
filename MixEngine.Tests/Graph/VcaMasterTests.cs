using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class VcaMasterTests
{
    [Fact]
    public void A_live_vca_fader_moves_every_member_by_the_sum_of_its_vcas()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm").Track("b", ChannelLayout.Mono, "pm")
            .Vca("v1", -2, false, "a", "b").Vca("v2", -1, false, "b").Build();
        var live = StripResolution.ResolveLive(session, 16);
        live.Parameters["vca/v1/fader"].RtSet(-10);
        // 1e-15: one Math.Pow rounding
        Assert.Equal(Decibels.ToGain(-10), live.Stages["a"].OutputGain, 1e-15);
        Assert.Equal(Decibels.ToGain(-11), live.Stages["b"].OutputGain, 1e-15);
    }

    [Fact]
    public void A_live_vca_mute_mutes_members_until_released()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm").Vca("v1", 0, false, "a").Build();
        var live = StripResolution.ResolveLive(session, 16);
        live.Parameters["vca/v1/mute"].RtSet(1);
        Assert.True(live.Stages["a"].Muted);
        live.Parameters["vca/v1/mute"].RtSet(0);
        Assert.False(live.Stages["a"].Muted);
    }
}
