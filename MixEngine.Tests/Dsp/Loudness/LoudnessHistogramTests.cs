using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>
/// The gating histogram walks only its occupied bins and keeps its last gated loudness until a reading is added or the
/// histogram cleared: the results must be those of the readings themselves, asked once or after every reading.
/// </summary>
public sealed class LoudnessHistogramTests
{
    [Fact]
    public void Gated_loudness_asked_after_every_reading_equals_the_gated_mean_of_the_readings_and_a_histogram_asked_once()
    {
        // Readings 0.37 LU apart (one per bin, so no bin straddles a gate) from −72 LU (below the floor: dropped) to
        // +33 LU (above +30: the top bin, with its true value), so the occupied range reaches both edge bins.
        var asked = new LoudnessHistogram();
        var once = new LoudnessHistogram();
        var kept = new List<(double Energy, double Loudness)>();
        for (double loudness = -72; loudness <= 33; loudness += 0.37)
        {
            double energy = Math.Pow(10, (loudness - LoudnessMath.Offset) / 10);
            asked.RtAdd(energy, loudness);
            once.RtAdd(energy, loudness);
            if (loudness > LoudnessHistogram.Floor) kept.Add((energy, loudness));
            Assert.Equal(Reference(kept, -10), asked.GatedLoudness(-10), 9);
            Assert.Equal(Reference(kept, -20), asked.GatedLoudness(-20), 9);
            Assert.Equal(asked.GatedLoudness(-10), asked.GatedLoudness(-10));
        }
        Assert.Equal(once.GatedLoudness(-10), asked.GatedLoudness(-10));
        Assert.Equal(once.LoudnessRange(), asked.LoudnessRange());
        asked.Reset();
        Assert.Equal(double.NegativeInfinity, asked.GatedLoudness(-10));
        asked.RtAdd(1e-3, LoudnessMath.EnergyToLoudness(1e-3));
        Assert.Equal(LoudnessMath.EnergyToLoudness(1e-3), asked.GatedLoudness(-10), 12);
    }

    // BS.1770 gating over the readings themselves: those above the mean's loudness plus the offset, averaged as energies
    // (9 decimals: the histogram sums per bin, in bin order).
    private static double Reference(List<(double Energy, double Loudness)> readings, double offset)
    {
        if (readings.Count == 0) return double.NegativeInfinity;
        double gate = LoudnessMath.EnergyToLoudness(readings.Average(r => r.Energy)) + offset;
        var passed = readings.Where(r => r.Loudness > gate).ToList();
        return passed.Count == 0 ? double.NegativeInfinity : LoudnessMath.EnergyToLoudness(passed.Average(r => r.Energy));
    }
}
