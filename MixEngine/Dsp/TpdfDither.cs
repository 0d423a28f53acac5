using System.Runtime.CompilerServices;

namespace MixEngine.Dsp;

/// <summary>
/// Triangular-PDF dither source for one channel: each draw is the difference of two independent uniform values in
/// [0, 1), so it lies in (−1, +1) LSB with a triangular distribution and mean 0. The generator is xorshift64* seeded
/// through splitmix64 from (seed, channel), so a print is bit-identical for a given seed however its writes are
/// chunked. A mutable value type: keep one per channel in a preallocated array and call <see cref="RtNext"/> by
/// reference on the thread that writes that channel; never allocates.
/// </summary>
public struct TpdfDither
{
    private const double UnitScale = 1.0 / (1UL << 53);
    private ulong _state;

    /// <summary>Creates the dither source of channel <paramref name="channel"/> (0-based) of a print seeded with <paramref name="seed"/>; any thread.</summary>
    public TpdfDither(ulong seed, int channel)
    {
        ulong mixed = SplitMix64(seed + 0x9E3779B97F4A7C15UL * (ulong)(channel + 1));
        _state = mixed == 0 ? 0x2545F4914F6CDD1DUL : mixed;
    }

    /// <summary>The next dither value in LSB, in (−1, +1), triangular; call once per sample in file order on the writing thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double RtNext() => RtUniform() - RtUniform();

    /// <summary>Fills <paramref name="destination"/> with consecutive draws of <see cref="RtNext"/>; writing thread.</summary>
    public void RtFill(Span<double> destination)
    {
        ulong state = _state;
        for (int i = 0; i < destination.Length; i++)
        {
            double first = Uniform(ref state);
            destination[i] = first - Uniform(ref state);
        }
        _state = state;
    }

    /// <summary>
    /// Fills four sources' destinations (same length) with their consecutive draws, as four <see cref="RtFill"/> calls
    /// would, interleaving the four generators so their serial dependency chains overlap; writing thread.
    /// </summary>
    public static void RtFillFour(ref TpdfDither a, ref TpdfDither b, ref TpdfDither c, ref TpdfDither d,
        Span<double> da, Span<double> db, Span<double> dc, Span<double> dd)
    {
        ulong sa = a._state, sb = b._state, sc = c._state, sd = d._state;
        int n = da.Length;
        if (db.Length != n || dc.Length != n || dd.Length != n) throw new ArgumentException("the four destinations must have the same length", nameof(db));
        for (int i = 0; i < n; i++)
        {
            double fa = Uniform(ref sa), fb = Uniform(ref sb), fc = Uniform(ref sc), fd = Uniform(ref sd);
            da[i] = fa - Uniform(ref sa);
            db[i] = fb - Uniform(ref sb);
            dc[i] = fc - Uniform(ref sc);
            dd[i] = fd - Uniform(ref sd);
        }
        a._state = sa;
        b._state = sb;
        c._state = sc;
        d._state = sd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double RtUniform() => Uniform(ref _state);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Uniform(ref ulong state)
    {
        ulong x = state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state = x;
        // The top 53 bits fit a long, whose conversion to double is one instruction (ulong → double is not).
        return (long)((x * 0x2545F4914F6CDD1DUL) >> 11) * UnitScale;
    }

    private static ulong SplitMix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
