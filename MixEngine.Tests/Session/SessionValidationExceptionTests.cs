using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class SessionValidationExceptionTests
{
    [Fact]
    public void Several_problems_in_one_file_are_all_reported_together_one_per_line()
    {
        var doc = SessionFixture.Document()
            .Set("sampleRate", 44_000)
            .Set("tracks[0].strip.fader", 20)
            .Set("tracks[0].clips[0].fadeIn.shape", "exponential")
            .Set("tracks[1].colour", "blue")
            .Set("tracks[2].output", "nowhere")
            .Set("vcas[0].members", new JsonArray("ghost"));
        var missingMx = new FakeMediaProbe()
            .With($"{SessionFixture.BaseDirectory}/media/dx1.wav", 1, 480_000)
            .With($"{SessionFixture.BaseDirectory}/media/fx51.wav", 6, 48_000);

        var e = Assert.Throws<SessionValidationException>(() => SessionFixture.Parse(doc, missingMx));

        Assert.Equal(
            ["$.sampleRate", "$.tracks[0].strip.fader", "$.tracks[0].clips[0].fadeIn.shape", "$.tracks[1].colour",
             "$.tracks[1].clips[0].media", "$.tracks[2].output", "$.vcas[0].members[0]"],
            e.Problems.Select(p => p.JsonPath));
        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal("Session test.session.json has 7 problems:", lines[0]);
        Assert.Equal(e.Problems.Select(p => "  " + p), lines.Skip(1));
        Assert.Contains($"  $.tracks[1].clips[0].media: media file not found; expected a WAV, BWF or RF64 file at this path (relative paths start at the session file's folder) (file: {SessionFixture.BaseDirectory}/media/mx.wav)", lines);
    }

    [Fact]
    public void Single_problem_message_says_one_problem()
    {
        var e = new SessionValidationException("a.json", [new SessionProblem("$.name", "missing")]);
        Assert.Equal($"Session a.json has 1 problem:{Environment.NewLine}  $.name: missing", e.Message);
    }
}
