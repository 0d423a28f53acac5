using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Offline.Delivery;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Offline;

public class LoudnessConformTests
{
    private const int Rate = 48000;
    private const int Length = 8 * Rate;
    private static readonly DateTime Origination = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    // Dialogue noise on a DX stem and, optionally, sparse loud clicks on an FX stem, both into a stereo printmaster.
    private static (MixSession Session, InMemoryMedia Media) Scene(double dialogueAmplitude, double clickAmplitude)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("dx.wav"), TestSignals.Noise(Length, seed: 5, dialogueAmplitude));
        var clicks = new double[Length];
        for (int i = Rate / 4; i < Length; i += Rate / 2) clicks[i] = clickAmplitude;
        media.Add(SessionBuilder.MediaPath("fx.wav"), clicks);
        var b = new SessionBuilder()
            .Bus("pm", ChannelLayout.Stereo)
            .Bus("dx", ChannelLayout.Stereo, "pm")
            .Bus("fx", ChannelLayout.Stereo, "pm")
            .Track("dx1", ChannelLayout.Mono, "dx", null, null, SessionBuilder.Clip("dx.wav", 0, Length))
            .Track("fx1", ChannelLayout.Mono, "fx", null, null, SessionBuilder.Clip("fx.wav", 0, Length))
            .Print("dx", "dx.wav").Print("fx", "fx.wav").Print("pm", "pm.wav");
        return (b.Build("Conform scene", Length), media);
    }

    private static RenderRequest Request(IReadOnlyDictionary<string, PrintConform>? conform = null) =>
        new("/out", 0, Length, 2, 1024, Origination, conform);

    [Fact]
    public void Gain_alone_brings_the_printmaster_to_the_target_when_the_ceiling_allows_it()
    {
        var (session, media) = Scene(0.02, 0.0);
        var plain = new InMemoryPrints();
        OfflineRenderer.Render(session, Request(), media, null, default, plain);
        var prints = new InMemoryPrints();
        var report = LoudnessConform.Render(session, Request(), DeliverySpecReader.Load("ebu-r128"), null, media, null, default, prints);

        var c = Assert.Single(report.Conform);
        Assert.False(c.Limited);
        Assert.Equal("integrated loudness target", c.Binding);
        Assert.Equal(-23.0 - c.BeforeLufs, c.GainDb, 12);
        // The meter keeps 0.01 LU histogram bins, so a shifted programme reads within one bin of the exact shift.
        Assert.InRange(c.AfterLufs, -23.02, -22.98);
        Assert.Equal(2, c.Passes);
        double gain = Decibels.ToGain(c.GainDb);
        var asMixed = plain.Named("pm.wav").Samples;
        var conformed = prints.Named("pm.wav").Samples;
        for (int ch = 0; ch < 2; ch++)
            for (int i = 0; i < Length; i++) Assert.Equal(asMixed[ch][i] * gain, conformed[ch][i], 1e-15); // the same product, bit for bit
        foreach (var stem in new[] { "dx.wav", "fx.wav" })
            Assert.Equal(plain.Named(stem).Samples, prints.Named(stem).Samples); // stems are printed as mixed
        Assert.True(report.Prints.Single(p => p.Bus == "pm").Conform is { LimiterCeilingDbtp: null, MaxLimiterReductionDb: 0.0 });
    }

    [Fact]
    public void A_print_whose_peaks_the_gain_would_push_over_the_ceiling_is_limited_and_still_meets_the_dialogue_target()
    {
        var (session, media) = Scene(0.01, 0.7);
        var spec = DeliverySpecReader.Load("streaming-dialogue-27");
        var report = LoudnessConform.Render(session, Request(), spec, null, media, null, default, new InMemoryPrints());

        var c = Assert.Single(report.Conform);
        Assert.True(c.Limited);
        Assert.Equal(LoudnessGating.Dialogue, c.Gating);
        Assert.Equal("true-peak ceiling", c.Binding);
        Assert.True(c.MaxLimiterReductionDb > 3.0, $"limited by only {c.MaxLimiterReductionDb} dB");
        // Converged within ConvergenceLu, plus one 0.01 LU histogram bin.
        Assert.InRange(c.AfterLufs, -27.0 - LoudnessConform.ConvergenceLu - 0.01, -27.0 + LoudnessConform.ConvergenceLu + 0.01);
        // The limiter keeps the 4x true peak below the ceiling (it aims 0.2 dB under it).
        Assert.True(c.AfterTruePeakDbtp <= -2.0, $"true peak {c.AfterTruePeakDbtp} dBTP");
        var pm = report.Prints.Single(p => p.Bus == "pm");
        Assert.Equal(Length, pm.Frames);
        Assert.True(pm.Compliance is null || pm.Compliance.Passed);
        Assert.True(ComplianceCheck.Evaluate(spec, report.Loudness[2].Figures).Passed);
    }

    [Fact]
    public void A_conform_limiter_keeps_the_print_sample_aligned_and_of_the_same_length()
    {
        var (session, media) = Scene(0.0, 0.1);
        var plain = new InMemoryPrints();
        OfflineRenderer.Render(session, Request(), media, null, default, plain);
        var prints = new InMemoryPrints();
        // Clicks at 0.1 stay far below a -1 dBTP ceiling after +6 dB, so the limiter runs but does not act: output = input x gain, delayed by nothing.
        OfflineRenderer.Render(session, Request(new Dictionary<string, PrintConform> { ["pm"] = new(6.0, -1.0) }), media, null, default, prints);
        var asMixed = plain.Named("pm.wav").Samples;
        var conformed = prints.Named("pm.wav").Samples;
        Assert.Equal(Length, conformed[0].Length);
        double gain = Decibels.ToGain(6.0);
        for (int ch = 0; ch < 2; ch++)
            for (int i = 0; i < Length; i++) Assert.Equal(asMixed[ch][i] * gain, conformed[ch][i], 1e-12);
    }

    [Fact]
    public void A_bus_that_is_not_printed_or_does_not_exist_is_refused_naming_the_printed_buses()
    {
        var (session, media) = Scene(0.02, 0.0);
        var spec = DeliverySpecReader.Load("ebu-r128");
        var e = Assert.Throws<ConformException>(() => LoudnessConform.Render(session, Request(), spec, "nope", media, null, default, new InMemoryPrints()));
        Assert.Equal("bus 'nope' does not exist; printed buses: dx, fx, pm", e.Message);
    }

    [Fact]
    public void A_silent_print_is_refused_before_anything_is_written()
    {
        var (session, media) = Scene(0.0, 0.0);
        var prints = new InMemoryPrints();
        var e = Assert.Throws<ConformException>(() => LoudnessConform.Render(session, Request(), DeliverySpecReader.Load("ebu-r128"), null, media, null, default, prints));
        Assert.Contains("bus 'pm'", e.Message);
        Assert.Contains("silent", e.Message);
        Assert.Empty(prints.Writers);
    }

    [Fact]
    public void A_chosen_stem_is_conformed_instead_of_the_printmaster()
    {
        var (session, media) = Scene(0.02, 0.0);
        var report = LoudnessConform.Render(session, Request(), DeliverySpecReader.Load("ebu-r128"), "dx", media, null, default, new InMemoryPrints());
        var c = Assert.Single(report.Conform);
        Assert.Equal("dx", c.Bus);
        Assert.InRange(c.AfterLufs, -23.02, -22.98);
        Assert.Null(report.Prints.Single(p => p.Bus == "pm").Conform);
    }
}
