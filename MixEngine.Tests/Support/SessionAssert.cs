using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>Structural equality of sessions (records hold lists, whose default equality is by reference).</summary>
public static class SessionAssert
{
    /// <summary>Asserts that two sessions hold the same values everywhere, naming the first element that differs.</summary>
    public static void Equal(MixSession expected, MixSession actual)
    {
        Assert.Equal(
            (expected.Name, expected.SampleRate, expected.TimecodeRate, expected.Start, expected.End, expected.BaseDirectory),
            (actual.Name, actual.SampleRate, actual.TimecodeRate, actual.Start, actual.End, actual.BaseDirectory));
        Assert.Equal(expected.Tracks.Count, actual.Tracks.Count);
        for (int i = 0; i < expected.Tracks.Count; i++)
        {
            var (e, a) = (expected.Tracks[i], actual.Tracks[i]);
            Assert.Equal(e with { Clips = [], Sends = [] }, a with { Clips = [], Sends = [] }, TrackShell);
            Assert.Equal(e.Sends, a.Sends);
            Assert.Equal(e.Clips.Count, a.Clips.Count);
            for (int k = 0; k < e.Clips.Count; k++)
            {
                Assert.Equal(e.Clips[k].SourceChannels, a.Clips[k].SourceChannels);
                Assert.Equal(e.Clips[k], a.Clips[k] with { SourceChannels = e.Clips[k].SourceChannels });
            }
        }
        Assert.Equal(expected.Buses.Count, actual.Buses.Count);
        for (int i = 0; i < expected.Buses.Count; i++)
        {
            Assert.Equal(expected.Buses[i].Sends, actual.Buses[i].Sends);
            Assert.Equal(expected.Buses[i], actual.Buses[i] with { Sends = expected.Buses[i].Sends });
        }
        Assert.Equal(expected.Vcas.Count, actual.Vcas.Count);
        for (int i = 0; i < expected.Vcas.Count; i++)
        {
            Assert.Equal(expected.Vcas[i].Members, actual.Vcas[i].Members);
            Assert.Equal(expected.Vcas[i], actual.Vcas[i] with { Members = expected.Vcas[i].Members });
        }
        Assert.Equal(expected.Outputs, actual.Outputs);
        Assert.Equal(expected.Automation, actual.Automation);
    }

    private static readonly IEqualityComparer<Track> TrackShell = EqualityComparer<Track>.Create(
        (x, y) => x!.Id == y!.Id && x.Name == y.Name && x.Stem == y.Stem && x.Format == y.Format && x.Strip == y.Strip && x.Output == y.Output,
        t => t.Id.GetHashCode());
}
