using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Offline;

public class RenderRequestTests
{
    [Fact]
    public void Whole_session_ends_at_the_last_clip_end_unless_the_session_sets_an_end()
    {
        var b = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: [SessionBuilder.Clip("a.wav", 100, 50), SessionBuilder.Clip("a.wav", 10, 500)]);
        var request = RenderRequest.WholeSession(b.Build(), "/out");
        Assert.Equal((0L, 510L, 510L), (request.RangeStart, request.RangeEnd, request.Frames));
        Assert.Equal(48000, RenderRequest.SessionLength(b.Build(end: 48000)));
        Assert.Equal(0, RenderRequest.SessionLength(new SessionBuilder().Build()));
    }
}
