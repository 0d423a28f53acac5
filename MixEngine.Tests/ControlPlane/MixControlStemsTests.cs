using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public sealed class MixControlStemsTests : IDisposable
{
    private readonly RealtimeEngine _engine;
    private readonly MixControl _control;

    public MixControlStemsTests()
    {
        var built = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Mono, output: "pm").Bus("sub", ChannelLayout.Mono, output: "dx")
            .Track("d1", ChannelLayout.Mono, "sub").Track("d2", ChannelLayout.Mono, "dx").Track("m1", ChannelLayout.Mono, "pm")
            .Vca("dlg", 0, false, "d1", "d2").Vca("all", 0, false, "d1", "m1")
            .Build();
        var session = built with { Tracks = [.. built.Tracks.Select(t => t with { Stem = t.Id.StartsWith('d') ? "DX" : "MX" })] };
        _engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), new InMemoryMedia()), [("pm", 0), ("pm", 1)], 64);
        _control = new MixControl(_engine, FeedbackHubOptions.Default with { OwnThread = false });
    }

    public void Dispose()
    {
        _control.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData("track/d1", "DX")]
    [InlineData("track/m1", "MX")]
    [InlineData("bus/dx", "DX")] // d2 directly, d1 through sub
    [InlineData("vca/dlg", "DX")]
    [InlineData("vca/all", null)] // DX and MX
    [InlineData("bus/pm", null)]
    public void A_strip_s_stem_is_the_one_its_tracks_share(string strip, string? stem)
    {
        Assert.Equal(stem, _control.StemOf(strip));
    }

    [Fact]
    public void An_unknown_strip_is_refused_naming_it()
    {
        Assert.Contains("'bus/nope'", Assert.Throws<ParameterAddressException>(() => _control.StemOf("bus/nope")).Message);
    }
}
