using MixEngine.ControlPlane;
using MixEngine.Realtime;

namespace MixEngine.Tests.Realtime;

public class TransportTests
{
    private static List<(long Position, int Length)> Segments(Transport t, int frames)
    {
        var list = new List<(long, int)>();
        int left = frames;
        while (left > 0)
        {
            int n = t.RtNextSegment(left, out long p);
            if (n == 0) break;
            list.Add((p, n));
            left -= n;
        }
        return list;
    }

    [Fact]
    public void A_stopped_transport_renders_nothing_and_holds_its_position()
    {
        var t = new Transport();
        t.RtLocate(1000);
        Assert.Empty(Segments(t, 256));
        Assert.Equal(1000, t.Position);
        Assert.Equal(TransportState.Stopped, t.State);
    }

    [Fact]
    public void Play_rolls_forward_block_by_block_and_stop_holds_the_playhead()
    {
        var t = new Transport();
        t.RtLocate(100);
        t.RtPlay();
        Assert.Equal([(100L, 64)], Segments(t, 64));
        Assert.Equal([(164L, 64)], Segments(t, 64));
        t.RtStop();
        Assert.Equal(228, t.Position);
        Assert.Empty(Segments(t, 64));
    }

    [Fact]
    public void A_loop_wraps_sample_exactly_inside_one_period()
    {
        var t = new Transport();
        t.RtSetLoop(1000, 1100);
        t.RtLocate(1050);
        t.RtPlay();
        Assert.Equal([(1050L, 50), (1000L, 14)], Segments(t, 64));
        Assert.Equal([(1014L, 64)], Segments(t, 64));
        Assert.Equal([(1078L, 22), (1000L, 42)], Segments(t, 64));
    }

    [Fact]
    public void A_playhead_beyond_the_loop_plays_on_without_wrapping()
    {
        var t = new Transport();
        t.RtSetLoop(1000, 1100);
        t.RtLocate(2000);
        t.RtPlay();
        Assert.Equal([(2000L, 64)], Segments(t, 64));
    }

    [Fact]
    public void Pre_roll_starts_earlier_and_turns_into_play_exactly_at_the_play_position()
    {
        var t = new Transport();
        t.RtSetPreRoll(100);
        t.RtLocate(1000);
        t.RtPlay();
        Assert.Equal(TransportState.PreRolling, t.State);
        Assert.Equal([(900L, 64)], Segments(t, 64));
        Assert.Equal(TransportState.PreRolling, t.State);
        Assert.Equal([(964L, 36), (1000L, 28)], Segments(t, 64));
        Assert.Equal(TransportState.Playing, t.State);
    }

    [Fact]
    public void Pre_roll_never_starts_before_the_session_start()
    {
        var t = new Transport();
        t.RtSetPreRoll(500);
        t.RtLocate(0);
        t.RtPlay();
        Assert.Equal(TransportState.Playing, t.State);
        Assert.Equal(0, t.Position);
    }

    [Fact]
    public void Locating_while_playing_continues_from_the_new_position()
    {
        var t = new Transport();
        t.RtPlay();
        Segments(t, 64);
        t.RtLocate(48000);
        Assert.Equal([(48000L, 64)], Segments(t, 64));
        Assert.Equal(TransportState.Playing, t.State);
    }

    [Fact]
    public void An_empty_loop_range_turns_looping_off()
    {
        var t = new Transport();
        t.RtSetLoop(100, 200);
        Assert.Equal(new LoopRange(100, 200), t.Loop);
        t.RtSetLoop(300, 300);
        Assert.Null(t.Loop);
    }
}
