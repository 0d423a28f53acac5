using System.Runtime.Intrinsics;
using MixEngine.Dsp.Dynamics;

namespace MixEngine.Tests.Dsp.Dynamics;

/// <summary>The compressor's inline dB conversions (<see cref="DecibelVectors"/>) against the runtime's scalar math, and their edges.</summary>
public sealed class DecibelVectorsTests
{
    private static readonly Vector256<double> Silence = Vector256.Create(-400.0);

    [Fact]
    public void Powers_convert_to_db_within_1e_13_db_or_1e_15_of_the_value_over_every_exponent()
    {
        // The documented bound (docs/dsp.md): 1e-13 dB absolute, relative 1e-15 beyond ±100 dB. Seeded powers 2^u with u
        // uniform over the whole double range (subnormals included), and powers within 1e-3 of 1 (where ln m is near 0),
        // four different ones per vector so every lane is checked.
        var random = new Random(11);
        double worst = 0.0;
        for (int i = 0; i < 200_000; i++)
        {
            var p = new double[4];
            for (int l = 0; l < 4; l++)
                p[l] = (i + l) % 3 == 0 ? 1.0 + (random.NextDouble() - 0.5) * 1e-3 : Math.Pow(2.0, random.NextDouble() * 2097.0 - 1074.0);
            var db = DecibelVectors.PowerToDb(Vector256.Create(p), Silence);
            for (int l = 0; l < 4; l++)
            {
                double expected = 10.0 * Math.Log10(p[l]);
                worst = Math.Max(worst, Math.Abs(db[l] - expected) / Math.Max(1.0, Math.Abs(expected) / 100.0));
            }
        }
        Assert.InRange(worst, 0.0, 1e-13);
    }

    [Fact]
    public void Powers_at_the_edges_give_silence_or_their_exact_level()
    {
        // Exact: 0, −0 and NaN are the caller's silence level, +∞ stays +∞, powers of two land on multiples of 10·log10 2.
        var db = DecibelVectors.PowerToDb(Vector256.Create(0.0, -0.0, double.NaN, double.PositiveInfinity), Silence);
        Assert.Equal([-400.0, -400.0, -400.0, double.PositiveInfinity], [db[0], db[1], db[2], db[3]]);
        db = DecibelVectors.PowerToDb(Vector256.Create(1.0, 2.0, 0.5, 1024.0), Silence);
        Assert.Equal([0.0, 3.010299956639812, -3.010299956639812, 10 * 3.010299956639812], [db[0], db[1], db[2], db[3]]);
        Assert.Equal(10.0 * Math.Log10(double.Epsilon), DecibelVectors.PowerToDb(Vector256.Create(double.Epsilon), Silence)[0], 1e-10);
    }

    [Theory]
    [InlineData(200.0, 1e-14)]
    [InlineData(6000.0, 2e-13)]
    public void Gains_convert_from_db_within_the_documented_relative_error(double rangeDb, double tolerance)
    {
        // The documented bounds (docs/dsp.md): 1e-14 relative over ±200 dB; the rounding of dB / 6.02… grows with |dB|,
        // 2e-13 at ±6 000 dB. A grid of 0.01 dB steps offset off the round values, four consecutive steps per vector.
        double worst = 0.0;
        for (double start = -rangeDb; start < rangeDb; start += 0.04)
        {
            var db = Vector256.Create(start + 0.0012345, start + 0.0112345, start + 0.0212345, start + 0.0312345);
            var gain = DecibelVectors.DbToGain(db);
            for (int l = 0; l < 4; l++)
            {
                double expected = Math.Pow(10.0, db[l] / 20.0);
                worst = Math.Max(worst, Math.Abs(gain[l] - expected) / expected);
            }
        }
        Assert.InRange(worst, 0.0, tolerance);
    }

    [Fact]
    public void Gains_at_the_edges_are_exactly_one_zero_infinite_or_nan()
    {
        // Exact: 0 dB (and −0 dB) is unity; past the normal range 0 and +∞; NaN passes through.
        var gain = DecibelVectors.DbToGain(Vector256.Create(0.0, -0.0, -7000.0, 7000.0));
        Assert.Equal([1.0, 1.0, 0.0, double.PositiveInfinity], [gain[0], gain[1], gain[2], gain[3]]);
        Assert.True(double.IsNaN(DecibelVectors.DbToGain(Vector256.Create(double.NaN))[0]));
        Assert.Equal(2.0, DecibelVectors.DbToGain(Vector256.Create(6.020599913279624))[0], 15);
    }

    [Fact]
    public void Eight_gains_convert_to_the_same_bits_as_two_vectors_of_four()
    {
        // The 512-bit conversion is the same operations on twice the elements: bit for bit what the 256-bit one gives,
        // over ±200 dB in 0.01 dB steps off the round values and the edges (0, −0, both clamps, NaN).
        var values = new List<double> { 0.0, -0.0, -7000.0, 7000.0, double.NaN, -6153.0, 6158.0, 1e-300 };
        for (double db = -200.0; db < 200.0; db += 0.01) values.Add(db + 0.0012345);
        while (values.Count % 8 != 0) values.Add(1.0);
        for (int i = 0; i < values.Count; i += 8)
        {
            var eight = DecibelVectors.DbToGain(Vector512.Create(values.GetRange(i, 8).ToArray()));
            var low = DecibelVectors.DbToGain(Vector256.Create(values.GetRange(i, 4).ToArray()));
            var high = DecibelVectors.DbToGain(Vector256.Create(values.GetRange(i + 4, 4).ToArray()));
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(low[l]), BitConverter.DoubleToInt64Bits(eight[l]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(high[l]), BitConverter.DoubleToInt64Bits(eight[4 + l]));
            }
        }
    }

    [Fact]
    public void Eight_powers_convert_to_the_same_bits_as_two_vectors_of_four()
    {
        // As the gains: seeded powers over the whole double range (subnormals included), near 1, and the edges.
        var random = new Random(12);
        var values = new List<double> { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, 1.0, 2.0, 0.5 };
        for (int i = 0; i < 40_000; i++)
            values.Add(i % 3 == 0 ? 1.0 + (random.NextDouble() - 0.5) * 1e-3 : Math.Pow(2.0, random.NextDouble() * 2097.0 - 1074.0));
        for (int i = 0; i + 8 <= values.Count; i += 8)
        {
            var eight = DecibelVectors.PowerToDb(Vector512.Create(values.GetRange(i, 8).ToArray()), Vector512.Create(-400.0));
            var low = DecibelVectors.PowerToDb(Vector256.Create(values.GetRange(i, 4).ToArray()), Silence);
            var high = DecibelVectors.PowerToDb(Vector256.Create(values.GetRange(i + 4, 4).ToArray()), Silence);
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(low[l]), BitConverter.DoubleToInt64Bits(eight[l]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(high[l]), BitConverter.DoubleToInt64Bits(eight[4 + l]));
            }
        }
    }
}
