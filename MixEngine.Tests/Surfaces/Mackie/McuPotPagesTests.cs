using MixEngine.Session;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuPotPagesTests
{
    private static readonly string[] Catalog =
    [
        "fader", "pan/x", "pan/y", "pan/width", "eq/1/enabled", "eq/1/frequency", "eq/1/gain", "eq/1/q", "eq/2/frequency", "eq/2/gain",
        "dyn/limiter/ceiling", "dyn/comp/enabled", "dyn/comp/threshold", "dyn/comp/detection", "dyn/gate/threshold", "send/verb/level", "send/fx/level", "send/fx/mute",
    ];

    [Fact]
    public void Pages_hold_the_parameters_of_each_kind_in_a_fixed_order()
    {
        var pages = new McuPotPages();
        pages.Rebuild(Catalog);
        Assert.Equal(["pan/x", "pan/width", "pan/y"], pages.PagesOf(McuPotMode.Pan));
        Assert.Equal(["send/fx/level", "send/verb/level"], pages.PagesOf(McuPotMode.Send));
        Assert.Equal(["eq/1/gain", "eq/1/frequency", "eq/1/q", "eq/2/gain", "eq/2/frequency"], pages.PagesOf(McuPotMode.Eq));
        Assert.Equal(["dyn/gate/threshold", "dyn/comp/threshold", "dyn/limiter/ceiling"], pages.PagesOf(McuPotMode.Dynamics));
    }

    [Fact]
    public void Pressing_the_lit_key_again_goes_to_the_next_page_and_wraps()
    {
        var pages = new McuPotPages();
        pages.Rebuild(Catalog);
        Assert.Equal("pan/x", pages.Parameter);
        pages.Press(McuPotMode.Send);
        Assert.Equal(("send/fx/level", ('S', '1')), (pages.Parameter, pages.Display()));
        pages.Press(McuPotMode.Send);
        Assert.Equal(("send/verb/level", ('S', '2')), (pages.Parameter, pages.Display()));
        pages.Press(McuPotMode.Send);
        Assert.Equal("send/fx/level", pages.Parameter);
        pages.Press(McuPotMode.Eq);
        Assert.Equal(("eq/1/gain", ('E', '1')), (pages.Parameter, pages.Display()));
    }

    [Fact]
    public void A_mode_without_pages_drives_nothing_and_a_shrinking_session_clamps_the_page()
    {
        var pages = new McuPotPages();
        pages.Rebuild(["fader", "pan/x"]);
        pages.Press(McuPotMode.Dynamics);
        Assert.Null(pages.Parameter);
        pages.Rebuild(Catalog);
        pages.Press(McuPotMode.Dynamics);
        pages.Press(McuPotMode.Dynamics);
        Assert.Equal("dyn/limiter/ceiling", pages.Parameter);
        pages.Rebuild(["dyn/gate/threshold"]);
        Assert.Equal("dyn/gate/threshold", pages.Parameter);
    }

    [Fact]
    public void Rings_and_labels_follow_the_kind_of_parameter()
    {
        static ParameterDescriptor D(string p) => new(ParameterAddress.ByName(ParameterScope.Track, "a", p), ParameterUnit.Decibels, -24, 24, 0, "linear", true, false);
        Assert.Equal(McuRingMode.Dot, McuPotPages.RingOf(D("pan/x")));
        Assert.Equal(McuRingMode.Spread, McuPotPages.RingOf(D("pan/width")));
        Assert.Equal(McuRingMode.BoostCut, McuPotPages.RingOf(D("eq/3/gain")));
        Assert.Equal(McuRingMode.Wrap, McuPotPages.RingOf(D("send/fx/level")));
        Assert.Equal("Gain 2", McuPotPages.Label("eq/2/gain"));
        Assert.Equal("fx", McuPotPages.Label("send/fx/level"));
        Assert.Equal("Cmp threshold", McuPotPages.Label("dyn/comp/threshold"));
    }
}
