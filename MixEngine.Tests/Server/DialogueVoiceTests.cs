using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class DialogueVoiceTests
{
    private const int Rate = 48000;

    [Fact]
    public void Babble_peaks_at_minus_10_dBFS_and_leaves_pauses_between_phrases()
    {
        var x = DialogueVoice.Synthesize(7, Rate, 6 * Rate);
        double peak = x.Max(Math.Abs);
        // Scaling to the peak is one multiplication per sample: exact to a few ulps.
        Assert.Equal(Math.Pow(10, -10 / 20.0), peak, 1e-12);
        int window = Rate / 20, quiet = 0, windows = x.Length / window;
        for (int w = 0; w < windows; w++)
            if (x.Skip(w * window).Take(window).Max(Math.Abs) < peak * 0.01) quiet++;
        // Phrases pause 0.3–0.8 s and the first syllable starts at 0.2 s, so well over 5 % of 50 ms windows are silent (< −40 dB).
        Assert.True(quiet > windows / 20, $"{quiet} of {windows} windows are silent");
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples_and_another_seed_different_ones()
    {
        Assert.Equal(DialogueVoice.Synthesize(3, Rate, Rate), DialogueVoice.Synthesize(3, Rate, Rate));
        Assert.NotEqual(DialogueVoice.Synthesize(3, Rate, Rate), DialogueVoice.Synthesize(4, Rate, Rate));
    }
}
