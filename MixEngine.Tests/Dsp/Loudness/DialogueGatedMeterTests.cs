using MixEngine.Tests.Support;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

public sealed class DialogueGatedMeterTests
{
    private const int Rate = 48000;

    /// <summary>
    /// A 60 s programme: music (500 Hz, −30 dBFS) throughout, dialogue (1 kHz, −20 dBFS) in three 10 s passages; the
    /// dialogue stem carries the dialogue plus room tone at −65 dBFS. The dialogue-gated loudness must equal the
    /// loudness of the programme while dialogue plays (measured on a steady passage), within 0.15 LU: 6 of the 150
    /// active blocks straddle a passage edge.
    /// </summary>
    [Fact]
    public void Measures_the_programme_only_where_the_dialogue_stem_is_active()
    {
        var meter = new DialogueGatedMeter(Rate, [1, 1], [1, 1]);
        var plain = new LoudnessMeter(Rate, [1, 1]);
        var steady = new LoudnessMeter(Rate, [1, 1]);
        const int block = 4800;
        var programme = new[] { new double[block], new double[block] };
        var dialogue = new[] { new double[block], new double[block] };
        var rng = new Random(7);
        for (long start = 0; start < 60L * Rate; start += block)
        {
            for (int i = 0; i < block; i++)
            {
                double t = (double)(start + i) / Rate;
                bool speaking = t is >= 5 and < 15 or >= 25 and < 35 or >= 45 and < 55;
                double music = Math.Pow(10, -30 / 20.0) * Math.Sin(2 * Math.PI * 500 * t);
                double speech = speaking ? Math.Pow(10, -20 / 20.0) * Math.Sin(2 * Math.PI * 1000 * t) : 0;
                double roomTone = Math.Pow(10, -65 / 20.0) * (rng.NextDouble() * 2 - 1);
                programme[0][i] = programme[1][i] = music + speech + roomTone;
                dialogue[0][i] = dialogue[1][i] = speech + roomTone;
            }
            meter.RtProcess(programme, dialogue, 0, block);
            plain.RtProcess(programme, 0, block);
            if (start >= 6L * Rate && start < 14L * Rate) steady.RtProcess(programme, 0, block);
        }

        var result = meter.Result();
        Assert.Equal(steady.Integrated, result.GatedLufs, 0.15);
        // 400 ms blocks every 100 ms: 597 in 60 s; each 10 s passage touches 103 of them (3 straddle each edge).
        Assert.Equal(3 * 103 / 597.0, result.SpeechFraction, 1e-9);
        Assert.InRange(result.DialogueStemLufs, -20.2, -19.8);        // the stem's own gating drops the room tone
        Assert.True(plain.Integrated < result.GatedLufs - 1, "programme-gated loudness includes the music-only passages");
    }

    [Fact]
    public void Without_dialogue_the_gated_loudness_is_minus_infinity_and_speech_fraction_zero()
    {
        var meter = new DialogueGatedMeter(Rate, [1], [1]);
        var programme = new[] { Enumerable.Range(0, Rate).Select(i => 0.1 * Math.Sin(i * 0.1)).ToArray() };
        var silence = new[] { new double[Rate] };
        for (int k = 0; k < 5; k++) meter.RtProcess(programme, silence, 0, Rate);
        var result = meter.Result();
        Assert.Equal(double.NegativeInfinity, result.GatedLufs);
        Assert.Equal(0, result.SpeechFraction);
    }

    [Fact]
    public void Processing_allocates_nothing_after_construction()
    {
        var meter = new DialogueGatedMeter(Rate, [1, 1, 1, 0, 1.41, 1.41], [1]);
        var programme = Enumerable.Range(0, 6).Select(_ => new double[512]).ToArray();
        var dialogue = new[] { new double[512] };
        Assert.Equal(0, SteadyStateAllocation.Bytes(() =>
        {
            for (int k = 0; k < 1000; k++) meter.RtProcess(programme, dialogue, 0, 512);
        }));
    }
}
