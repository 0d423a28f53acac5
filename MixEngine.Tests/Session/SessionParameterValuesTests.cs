using MixEngine.Files;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public class SessionParameterValuesTests
{
    [Fact]
    public void Values_written_into_a_session_read_back_through_its_catalog()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("fx", ChannelLayout.Stereo, "pm")
            .Track("a", ChannelLayout.Mono, "pm", sends: [new Send("fx", -10, SendTap.PostFader, false)])
            .Vca("v", 0, false, "a")
            .Build();
        var catalog = ParameterCatalog.For(session);
        var values = catalog.Parameters.Select((p, i) => (p.Descriptor.Address, Value: p.Descriptor.Unit == ParameterUnit.Boolean ? 1.0 : Math.Min(p.Descriptor.Maximum, -0.25 * (i + 1) + 1))).ToList();
        var written = ParameterCatalog.For(SessionParameterValues.With(session, values));
        Assert.Equal(values.Select(v => v.Value), written.Parameters.Select(p => p.Value)); // exact: every parameter of the catalog is written
    }

    [Fact]
    public void A_value_for_a_strip_the_session_lacks_is_refused_naming_the_address()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Build();
        var e = Assert.Throws<ParameterAddressException>(() =>
            SessionParameterValues.With(session, [(ParameterAddress.Parse("track/ghost/fader"), 0.0)]));
        Assert.Contains("track/ghost/fader", e.Message);
    }
}
