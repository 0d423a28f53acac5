using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph.Nodes;

/// <summary>
/// A render worker prefetches the next track of its phase while another worker may be rendering that very track
/// (<see cref="MixEngine.Graph.Nodes.TrackNode.RtPrefetch"/>): the hint must never fault on what it reads mid-change.
/// The fault this guards against (the live clip index read twice, moved to the end in between) surfaced as an
/// IndexOutOfRangeException on a render worker in about one full suite run in three. The JIT's disassembly of the
/// earlier hint (tier 0, the code this loop runs) shows the two loads a few instructions apart, yet this loop did not
/// catch the fault on the earlier code in the runs tried, also not with busy threads beyond the core count: it is a
/// probabilistic guard, and the fix is argued from the code, not from a failing test.
/// </summary>
public sealed class TrackPrefetchTests
{
    [Fact]
    public void Prefetching_a_track_while_another_thread_renders_it_past_its_last_clip_never_throws()
    {
        // A one-sample clip rendered again and again from position 0: every block jumps (live clip index back to 0),
        // then ends the clip (index up to the spans' length), so the index crosses the end millions of times a second.
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("n.wav"), TestSignals.Noise(64, seed: 5));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("n", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("n.wav", 0, 1)).Build();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media);
        var track = plan.Tracks[0];
        var (failure, renders, hints) = HintRace.Run(_ => track.RtProcess(0, 1), () => track.RtPrefetch(0, 1), TimeSpan.FromSeconds(1));

        Assert.Null(failure);
        Assert.True(renders > 10_000 && hints > 10_000, $"the threads overlapped too little to prove anything ({renders} renders, {hints} hints)");
    }
}
