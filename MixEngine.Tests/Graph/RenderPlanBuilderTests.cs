using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class RenderPlanBuilderTests
{
    private const int N = 1000;

    private static InMemoryMedia Media(params (string Name, double[][] Channels)[] files)
    {
        var media = new InMemoryMedia();
        foreach (var (name, channels) in files) media.Add(SessionBuilder.MediaPath(name), channels);
        return media;
    }

    [Fact]
    public void Unity_clip_through_untouched_strip_reproduces_its_samples_exactly_for_mono_stereo_and_5_1()
    {
        var mono = TestSignals.Noise(N, 1);
        var left = TestSignals.Noise(N, 2);
        var right = TestSignals.Noise(N, 3);
        var six = Enumerable.Range(0, 6).Select(c => TestSignals.Noise(N, 10 + c)).ToArray();
        var media = Media(("m.wav", [mono]), ("s.wav", [left, right]), ("six.wav", six));
        var session = new SessionBuilder()
            .Bus("mono", ChannelLayout.Mono).Bus("st", ChannelLayout.Stereo).Bus("s51", ChannelLayout.Surround51)
            .Track("a", ChannelLayout.Mono, "mono", clips: SessionBuilder.Clip("m.wav", 0, N))
            .Track("b", ChannelLayout.Stereo, "st", clips: SessionBuilder.Clip("s.wav", 0, N, 1, 2))
            .Track("c", ChannelLayout.Surround51, "s51", clips: SessionBuilder.Clip("six.wav", 0, N, 1, 2, 3, 4, 5, 6))
            .Build();
        // Exact equality: 0 dB everywhere must be bit-transparent (null test = 0).
        Assert.Equal(mono, PlanCapture.Render(session, media, "mono", 0, N)[0]);
        var st = PlanCapture.Render(session, media, "st", 0, N);
        Assert.Equal(left, st[0]);
        Assert.Equal(right, st[1]);
        var s51 = PlanCapture.Render(session, media, "s51", 0, N);
        for (int c = 0; c < 6; c++) Assert.Equal(six[c], s51[c]);
    }

    [Fact]
    public void Trim_polarity_fader_and_vca_multiply_in_strip_order()
    {
        var x = TestSignals.Ramp(N);
        var media = Media(("m.wav", [x]));
        var strip = Strip.Default with { TrimDb = -6, Polarity = true, FaderDb = -3 };
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", strip, clips: SessionBuilder.Clip("m.wav", 0, N))
            .Vca("v", -2, false, "a").Build();
        var y = PlanCapture.Render(session, media, "pm", 0, N)[0];
        double input = -Decibels.ToGain(-6), output = Decibels.ToGain(-5);
        for (int i = 0; i < N; i++) Assert.Equal(x[i] * input * output, y[i]); // exact: the same two multiplies
    }

    [Fact]
    public void Mute_own_or_by_vca_silences_the_track_and_its_pre_fader_sends()
    {
        var x = TestSignals.Sine(N, 440);
        var media = Media(("m.wav", [x]));
        Send[] preSend = [new Send("aux", 0, SendTap.PreFader, false)];
        var muted = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("aux", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", Strip.Default with { Mute = true }, preSend, SessionBuilder.Clip("m.wav", 0, N))
            .Track("b", ChannelLayout.Mono, "pm", null, preSend, SessionBuilder.Clip("m.wav", 0, N))
            .Vca("v", 0, true, "b").Build();
        Assert.All(PlanCapture.Render(muted, media, "pm", 0, N)[0], s => Assert.Equal(0.0, s));
        Assert.All(PlanCapture.Render(muted, media, "aux", 0, N)[0], s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void Pre_fader_send_ignores_the_fader_and_post_fader_send_follows_it()
    {
        var x = TestSignals.Ramp(N);
        var media = Media(("m.wav", [x]));
        Send[] sends = [new Send("pre", -6, SendTap.PreFader, false), new Send("post", -6, SendTap.PostFader, false)];
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("pre", ChannelLayout.Mono).Bus("post", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -10 }, sends, SessionBuilder.Clip("m.wav", 0, N)).Build();
        var pre = PlanCapture.Render(session, media, "pre", 0, N)[0];
        var post = PlanCapture.Render(session, media, "post", 0, N)[0];
        double send = Decibels.ToGain(-6), fader = Decibels.ToGain(-10);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(x[i] * send, pre[i]); // exact: one multiply (0 + p = p)
            Assert.Equal(x[i] * fader * send, post[i]);
        }
    }

    [Fact]
    public void Solo_in_place_mutes_unsoloed_tracks_but_not_solo_safe_ones_or_tracks_feeding_a_soloed_bus()
    {
        var media = Media(("a.wav", [TestSignals.Impulse(N, 10)]), ("b.wav", [TestSignals.Impulse(N, 20)]),
            ("c.wav", [TestSignals.Impulse(N, 30)]), ("d.wav", [TestSignals.Impulse(N, 40)]));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("fx", ChannelLayout.Mono, "pm", Strip.Default with { Solo = true })
            .Track("a", ChannelLayout.Mono, "pm", Strip.Default with { Solo = true }, clips: SessionBuilder.Clip("a.wav", 0, N))
            .Track("b", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("b.wav", 0, N))
            .Track("c", ChannelLayout.Mono, "pm", Strip.Default with { SoloSafe = true }, clips: SessionBuilder.Clip("c.wav", 0, N))
            .Track("d", ChannelLayout.Mono, "fx", clips: SessionBuilder.Clip("d.wav", 0, N)).Build();
        var y = PlanCapture.Render(session, media, "pm", 0, N)[0];
        // exact: impulses of 1.0 through unity gains
        Assert.Equal(1.0, y[10]);
        Assert.Equal(0.0, y[20]);
        Assert.Equal(1.0, y[30]);
        Assert.Equal(1.0, y[40]);
    }

    [Fact]
    public void Buses_feed_buses_in_topological_order_with_their_own_strips()
    {
        var x = TestSignals.Ramp(N);
        var media = Media(("m.wav", [x]));
        var session = new SessionBuilder()
            .Bus("pm", ChannelLayout.Stereo)
            .Bus("stem", ChannelLayout.Mono, "sub", Strip.Default with { FaderDb = -6 })
            .Bus("sub", ChannelLayout.Mono, "pm", Strip.Default with { Polarity = true })
            .Track("a", ChannelLayout.Mono, "stem", clips: SessionBuilder.Clip("m.wav", 0, N)).Build();
        var y = PlanCapture.Render(session, media, "pm", 0, N);
        double g = Decibels.ToGain(-6), pan = Math.Cos(Math.PI / 4);
        for (int i = 0; i < N; i++)
        {
            double expected = ((x[i] * g) * -1.0) * pan;
            Assert.Equal(expected, y[0][i]); // exact: same operations in the same order
            Assert.Equal(((x[i] * g) * -1.0) * Math.Sin(Math.PI / 4), y[1][i]);
        }
    }

    [Fact]
    public void Clip_gain_and_fades_land_on_exact_samples()
    {
        var x = Enumerable.Repeat(1.0, 100).ToArray();
        var media = Media(("m.wav", [x]));
        var clip = new Clip("m.wav", [1], 10, 0, 40, new Fade(8, FadeShape.EqualPower), new Fade(4, FadeShape.SCurve), -6);
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm", clips: clip).Build();
        var y = PlanCapture.Render(session, media, "pm", 0, 60, blockSize: 7)[0];
        double g = Decibels.ToGain(-6);
        // exact: production and test evaluate the same documented law at the same sample
        for (int i = 0; i < 10; i++) Assert.Equal(0.0, y[i]);
        Assert.Equal(0.0, y[10]);
        Assert.Equal(g * Math.Sin(Math.PI / 2 * 3 / 8), y[13], 1e-15); // 1e-15: one sin rounding
        Assert.Equal(g, y[18]);
        Assert.Equal(g, y[45]);
        Assert.Equal(g * (1 - Math.Cos(Math.PI * 2 / 4)) / 2, y[47], 1e-15);
        Assert.Equal(0.0, y[49]);
        for (int i = 50; i < 60; i++) Assert.Equal(0.0, y[i]);
    }

    [Fact]
    public void Overlapping_clips_on_one_track_are_summed()
    {
        var media = Media(("a.wav", [TestSignals.Ramp(N)]), ("b.wav", [TestSignals.Ramp(N, 0.25)]));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: [SessionBuilder.Clip("b.wav", 50, 100), SessionBuilder.Clip("a.wav", 0, 100)]).Build();
        var y = PlanCapture.Render(session, media, "pm", 0, 200, blockSize: 33)[0];
        Assert.Equal(50 / 65536.0, y[49]); // exact: only the first clip (ramp sample 49)
        Assert.Equal(51 / 65536.0 + 0.25, y[50]); // exact: both clips, sums of dyadic values
        Assert.Equal(100 * 0.25, y[149]);
        Assert.Equal(0.0, y[150]);
    }

    [Fact]
    public void Source_offset_and_channel_map_pick_the_right_media_frames()
    {
        var media = Media(("s.wav", [TestSignals.Ramp(N), TestSignals.Ramp(N, 0.5)]));
        var clip = new Clip("s.wav", [2], 100, 7, 10, Fade.None, Fade.None, 0);
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm", clips: clip).Build();
        var y = PlanCapture.Render(session, media, "pm", 0, 120)[0];
        Assert.Equal(8 * 0.5, y[100]); // exact: media frame 7 of channel 2 is (7+1)×0.5
        Assert.Equal(17 * 0.5, y[109]);
        Assert.Equal(0.0, y[110]);
    }

    [Fact]
    public void A_routing_cycle_is_rejected_naming_the_buses()
    {
        var session = new SessionBuilder().Bus("a", ChannelLayout.Mono, "b").Bus("b", ChannelLayout.Mono, "a").Build();
        var e = Assert.Throws<InvalidOperationException>(() => RenderPlanBuilder.Build(session, new RenderPlanOptions(64), new InMemoryMedia()));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void A_multichannel_track_into_a_different_format_without_a_defined_mix_is_rejected_with_its_path()
    {
        var media = Media(("six.wav", Enumerable.Range(0, 6).Select(_ => new double[10]).ToArray()));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("c", ChannelLayout.Surround51, "pm", clips: SessionBuilder.Clip("six.wav", 0, 10, 1, 2, 3, 4, 5, 6)).Build();
        var e = Assert.Throws<InvalidOperationException>(() => RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media));
        Assert.Contains("$.tracks[0]", e.Message);
        Assert.Equal(0, media.OpenReaders);
    }
}
