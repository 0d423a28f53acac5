using MixEngine.Dsp.Loudness;
using MixEngine.Offline;
using MixEngine.Offline.Delivery;

namespace MixEngine.Tests.Offline.Delivery;

public sealed class ComplianceCheckTests
{
    private static FileLoudness Measured(double integrated, double truePeak, double lra = 8, double maxShortTerm = -20, DialogueGatedLoudness? dialogue = null) =>
        new("pm.wav", "5.1", 6, 48000, 480000, integrated, lra, truePeak, truePeak - 0.3, -18, maxShortTerm, dialogue);

    [Fact]
    public void A_print_inside_every_limit_passes_and_the_tightest_margin_binds()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("ebu-r128"), Measured(-23.1, -3.0));
        Assert.True(report.Passed);
        Assert.Equal("integrated loudness", report.Binding); // margin 0.1 LU beats the true-peak margin of 2 dB
        Assert.Equal(0.1, report.Criteria[0].Margin, 1e-9);
    }

    [Fact]
    public void A_true_peak_over_the_ceiling_fails_and_binds()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("ebu-r128"), Measured(-23.0, -0.5));
        Assert.False(report.Passed);
        Assert.Equal("true peak", report.Binding);
        Assert.Equal(Verdict.Fail, report.Criteria.Single(c => c.Criterion == "true peak").Verdict);
    }

    [Fact]
    public void Loudness_outside_tolerance_fails()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("atsc-a85"), Measured(-21.5, -3.0));
        Assert.False(report.Passed);
        Assert.Equal(-0.5, report.Criteria[0].Margin, 1e-9);
    }

    [Fact]
    public void Short_form_fails_on_max_short_term_above_minus18()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("ebu-r128-s1"), Measured(-23.0, -3.0, maxShortTerm: -16.5));
        Assert.False(report.Passed);
        Assert.Equal("max short-term loudness", report.Binding);
    }

    [Fact]
    public void Dialogue_gated_spec_uses_the_dialogue_measure_and_falls_back_when_speech_is_scarce()
    {
        var spec = DeliverySpecReader.Load("streaming-dialogue-27");
        var speechy = ComplianceCheck.Evaluate(spec, Measured(-24.0, -3.0, dialogue: new DialogueGatedLoudness(-26.5, 0.6, -27, -42)));
        Assert.True(speechy.Passed);
        Assert.StartsWith("integrated loudness, dialogue-gated", speechy.Criteria[0].Criterion);
        Assert.Equal(-26.5, speechy.Criteria[0].Measured);

        var music = ComplianceCheck.Evaluate(spec, Measured(-24.5, -3.0, dialogue: new DialogueGatedLoudness(-30, 0.05, -30, -45)));
        Assert.True(music.Passed);
        Assert.Contains("fallback", music.Criteria[0].Criterion);
        Assert.Equal(-24.5, music.Criteria[0].Measured);
    }

    [Fact]
    public void Dialogue_gated_spec_without_a_dialogue_stem_is_not_measured_and_does_not_pass()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("streaming-dialogue-27"), Measured(-27.0, -3.0));
        Assert.Equal(Verdict.NotMeasured, report.Criteria[0].Verdict);
        Assert.False(report.Passed);
    }

    [Fact]
    public void An_advisory_loudness_range_band_warns_without_failing()
    {
        var report = ComplianceCheck.Evaluate(DeliverySpecReader.Load("ebu-r128"), Measured(-23.0, -3.0, lra: 25));
        Assert.True(report.Passed);
        Assert.Equal(Verdict.Warn, report.Criteria.Single(c => c.Criterion == "loudness range").Verdict);
    }
}
