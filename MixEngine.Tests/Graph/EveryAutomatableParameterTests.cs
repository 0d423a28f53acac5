using MixEngine.Automation;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>
/// Every parameter whose descriptor says it is automatable plays its lane: a session with every kind of strip control
/// (track and bus strips with every EQ band type and every dynamics section, a stereo pan into 7.1.4 with height, a send,
/// a VCA) gets a step lane on one parameter at a time, and the render changes after the step and not before it.
/// </summary>
public class EveryAutomatableParameterTests
{
    private const int Length = 24_000, Step = 12_000, Margin = 2 * AutomationPlayback.PointInterval;

    private static readonly StripProcessing Everything = new(ProcessingOrder.EqFirst,
        [
            new EqBand(true, EqBandType.HighPass, 80, 0, 0.7, 24),
            new EqBand(true, EqBandType.LowPass, 16_000, 0, 0.7, 12),
            new EqBand(true, EqBandType.LowShelf, 200, 3, 0.7, 12),
            new EqBand(true, EqBandType.HighShelf, 8_000, -4, 0.7, 12),
            new EqBand(true, EqBandType.Bell, 2_500, -3.5, 1.4, 12),
            new EqBand(true, EqBandType.Notch, 60, 0, 20, 12),
            new EqBand(true, EqBandType.BandPass, 1_000, 0, 0.3, 12),
        ],
        GateSettings.Default with { RangeDb = 40, Ratio = 2 }, CompressorSettings.Default with { MakeupDb = 20 }, DeEsserSettings.Default with { RangeDb = 40 },
        LimiterSettings.Default);

    // Driven hot (trim +12 dB, compressor makeup +20 dB) so that the de-esser works (its range wide enough to leave the
    // reduction free, and reached once the range halves) and the limiter works; the gate's range and ratio leave the
    // quiet bursts between a ratio's reduction and the range.
    private static readonly Strip Full = Strip.Default with { TrimDb = 12, Pan = Pan.Default with { Z = 0.5 }, Processing = Everything };

    /// <summary>Stereo track "t" (on VCA "v", sending to bus "fx") and stereo bus "fx", both fully processed, into 7.1.4 bus "pm".</summary>
    private static MixSession Base()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Atmos712).Bus("fx", ChannelLayout.Stereo, "pm", Full)
            .Track("t", ChannelLayout.Stereo, "pm", Full, [new Send("fx", -6, SendTap.PostFader, false)], SessionBuilder.Clip("s.wav", 0, Length, 1, 2))
            .Vca("v", 0, false, "t")
            .Build();
        return session;
    }

    /// <summary>Bursts of seeded noise: 4,800 samples near full scale, then 4,800 at −60 dB (opens and closes the gate, drives the compressor, de-esser and limiter).</summary>
    private static InMemoryMedia Media()
    {
        var noise = TestSignals.Noise(Length, seed: 11);
        var left = new double[Length];
        var right = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            double level = i / 4_800 % 2 == 0 ? 0.9 : 0.001;
            left[i] = level * noise[i];
            right[i] = level * noise[(i + 1_000) % Length];
        }
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), left, right);
        return media;
    }

    private static List<string> AutomatableAddresses() =>
        ParameterCatalog.For(Base()).Parameters.Where(p => p.Descriptor.Automatable).Select(p => p.Descriptor.Address.ToString()).ToList();

    /// <summary>Every automatable address of the session (the pan controls of the 7.1.4 bus "pm" are not: its sources are converted, never panned).</summary>
    public static TheoryData<string> Addresses() => new(AutomatableAddresses());

    [Fact]
    public void The_session_lists_every_kind_of_automatable_parameter()
    {
        var addresses = AutomatableAddresses();
        foreach (string expected in new[]
                 {
                     "track/t/trim", "track/t/fader", "track/t/mute", "track/t/pan/x", "track/t/pan/y", "track/t/pan/z", "track/t/pan/width",
                     "track/t/pan/rotation", "track/t/pan/divergence", "track/t/pan/lfe", "track/t/pan/height", "track/t/eq/7/q",
                     "track/t/dyn/gate/hysteresis", "track/t/dyn/comp/detection", "track/t/dyn/deesser/frequency", "track/t/dyn/limiter/ceiling",
                     "track/t/send/fx/level", "track/t/send/fx/mute", "bus/fx/fader", "bus/fx/eq/5/gain", "bus/fx/dyn/comp/makeup", "vca/v/fader", "vca/v/mute",
                 })
            Assert.Contains(expected, addresses);
        Assert.DoesNotContain(addresses, a => a.StartsWith("bus/pm/pan/", StringComparison.Ordinal)); // a 7.1.4 strip is converted, not panned
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void A_step_lane_on_the_parameter_changes_the_render_after_the_step_and_not_before(string address)
    {
        var session = Base();
        var setting = ParameterCatalog.For(session).Find(address);
        double from = setting.Value, to = Other(setting.Descriptor, from);
        var flat = Render(session, address, new AutomationPoint(0, from, SegmentShape.Step));
        var stepped = Render(session, address, new AutomationPoint(0, from, SegmentShape.Step), new AutomationPoint(Step, to, SegmentShape.Step));
        double before = 0, after = 0;
        for (int c = 0; c < flat.Length; c++)
            for (int i = 0; i < Length; i++)
            {
                double d = Math.Abs(flat[c][i] - stepped[c][i]);
                if (i < Step - Margin) before = Math.Max(before, d);
                else if (i >= Step + Margin) after = Math.Max(after, d);
            }
        Assert.Equal(0.0, before); // exact: the lanes are the same up to the step (pan and send lanes lean one interval ahead of it)
        Assert.True(after > 1e-9, $"{address}: a step from {from} to {to} changed the render by at most {after} after the step (more than 1e-9 expected: rounding alone stays far below)");
    }

    private static double[][] Render(MixSession session, string address, params AutomationPoint[] points)
    {
        var lane = new AutomationLane(address, new AutomationCurve(points), AutomationCurve.Empty);
        var automated = session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), [lane]) };
        return PlanCapture.Render(automated, Media(), "pm", 0, Length, blockSize: 128);
    }

    /// <summary>A value far from <paramref name="value"/> in the parameter's range: a switch flips, a −∞ dB level goes to 0 dB, a level drops 20 dB, anything else moves half-way to the far end.</summary>
    private static double Other(ParameterDescriptor d, double value)
    {
        if (d.Unit == ParameterUnit.Boolean) return value >= 0.5 ? 0 : 1;
        if (double.IsNegativeInfinity(value)) return 0;
        if (double.IsNegativeInfinity(d.Minimum)) return value - 20;
        return value < (d.Minimum + d.Maximum) / 2 ? value + (d.Maximum - value) / 2 : value - (value - d.Minimum) / 2;
    }
}
