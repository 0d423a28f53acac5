using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>
/// A seeded random session: mono, stereo, 5.1 and 7.1 tracks with random pans, faders, trims, polarity and sends, clips with
/// random gains, offsets and fades (overlaps included), DX/MX/FX stem buses in 7.1.2 feeding a 7.1.2 printmaster,
/// one aux bus fed by sends, and prints of every stem plus the printmaster. The media are seeded noise in memory.
/// </summary>
public static class RandomSession
{
    /// <summary>Stem bus ids, in session order.</summary>
    public static readonly string[] Stems = ["dx", "mx", "fx"];

    /// <summary>Builds the session and its media; the timeline is <paramref name="length"/> samples.</summary>
    public static (MixSession Session, InMemoryMedia Media) Create(int seed, int tracks, int length, SampleFormat printFormat = SampleFormat.Float32)
    {
        var rng = new Random(seed);
        var media = new InMemoryMedia();
        var b = new SessionBuilder();
        b.Bus("pm", ChannelLayout.Atmos712);
        foreach (var s in Stems) b.Bus(s, ChannelLayout.Atmos712, "pm");
        b.Bus("verb", ChannelLayout.Stereo, "fx", Strip.Default with { FaderDb = -4 });
        var formats = new[] { ChannelLayout.Mono, ChannelLayout.Stereo, ChannelLayout.Mono, ChannelLayout.Surround51, ChannelLayout.Surround71 };
        for (int t = 0; t < tracks; t++)
        {
            var format = formats[rng.Next(formats.Length)];
            string file = $"t{t}.wav";
            int mediaLength = length + 200;
            media.Add(SessionBuilder.MediaPath(file),
                Enumerable.Range(0, format.ChannelCount).Select(c => TestSignals.Noise(mediaLength, seed * 1000 + t * 16 + c, 0.2)).ToArray());
            var clips = new List<Clip>();
            for (int k = 0; k < 3; k++)
            {
                long position = rng.Next(length - 10);
                long clipLength = 1 + rng.Next(length - (int)position);
                long offset = rng.Next(100);
                var shapes = Enum.GetValues<FadeShape>();
                clips.Add(new Clip(file, Enumerable.Range(1, format.ChannelCount).ToArray(), position, offset, clipLength,
                    new Fade(rng.Next((int)clipLength / 2 + 1), shapes[rng.Next(3)]),
                    new Fade(rng.Next((int)clipLength / 2 + 1), shapes[rng.Next(3)]), rng.NextDouble() * 12 - 9));
            }
            var pan = new Pan(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble(), rng.NextDouble(),
                rng.Next(3) == 0 ? -rng.NextDouble() * 20 : double.NegativeInfinity)
            {
                Divergence = rng.Next(2) == 0 ? 0 : rng.NextDouble(),
                Rotation = rng.NextDouble() * 360 - 180,
                Height = rng.Next(4) != 0,
                Law = (PanLaw)rng.Next(4),
            };
            var strip = new Strip(rng.NextDouble() * 6 - 3, rng.Next(4) == 0, rng.NextDouble() * 20 - 15, rng.Next(10) == 0, false, false, pan);
            Send[] sends = rng.Next(2) == 0
                ? [new Send("verb", -rng.NextDouble() * 20, rng.Next(2) == 0 ? SendTap.PreFader : SendTap.PostFader, false)]
                : [];
            b.Track($"trk{t}", format, Stems[rng.Next(Stems.Length)], strip, sends, clips.ToArray());
        }
        b.Vca("all", -1.5, false, "trk0", "dx");
        foreach (var s in Stems) b.Print(s, $"{s}.wav", printFormat);
        b.Print("pm", "pm.wav", printFormat);
        return (b.Build("Random " + seed, length), media);
    }
}
