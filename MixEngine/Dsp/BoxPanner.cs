using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Dsp;

/// <summary>
/// Constant-power box panner (ADM allocentric style, separable per axis) onto a layout's speaker positions; the LFE
/// feed is excluded and receives only the pan's LFE send. Control side: gains are computed when a plan is built and
/// handed to the mix as matrices (allocation allowed; the per-block mix only multiplies).
/// <para>
/// For a source at (x, y, z): take the two height layers (distinct speaker Z) bracketing z; in each layer the two rows
/// (distinct Y) bracketing y; in each row the two speakers (distinct X) bracketing x. A coordinate outside the range
/// of what exists clamps to the nearest. Along each axis, with t the position between the two neighbours (0..1), the
/// weights are cos(πt/2) and sin(πt/2); a speaker's gain is the product of its three weights, so the gains' squares sum
/// to 1. t = 0 and t = 1 give exactly (1, 0) and (0, 1), so a source on a speaker feeds it with gain exactly 1.0.
/// </para>
/// </summary>
public static class BoxPanner
{
    /// <summary>
    /// Writes into <paramref name="gains"/> (one entry per layout channel) the gains of a point source at
    /// (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>); the LFE entry is 0. Control side.
    /// </summary>
    public static void PointGains(ChannelLayout layout, double x, double y, double z, Span<double> gains)
    {
        if (gains.Length != layout.ChannelCount)
            throw new ArgumentException($"expected {layout.ChannelCount} gains for layout {layout.Name}, got {gains.Length}", nameof(gains));
        gains.Clear();
        var speakers = layout.Speakers;
        var layers = DistinctSorted(speakers, s => true, s => s.Z);
        var (zLow, zHigh, zLowWeight, zHighWeight) = Bracket(layers, z);
        AddLayer(speakers, zLow, x, y, zLowWeight, gains);
        if (zHigh != zLow) AddLayer(speakers, zHigh, x, y, zHighWeight, gains);
    }

    /// <summary>
    /// The gain matrix [destinationChannel][sourceChannel] that pans a mono or stereo source into
    /// <paramref name="destination"/> with <paramref name="pan"/>: a mono source at (X, Y, Z); a stereo source's
    /// channels at X ∓ Width (clamped to ±1). The LFE row holds the LFE send level for every source channel. Control side.
    /// </summary>
    public static double[][] SourceMatrix(ChannelLayout source, ChannelLayout destination, Pan pan)
    {
        int sourceChannels = source.ChannelCount;
        if (sourceChannels is not (1 or 2))
            throw new ArgumentException($"the box panner places mono and stereo sources; layout {source.Name} has {sourceChannels} channels", nameof(source));
        var matrix = new double[destination.ChannelCount][];
        for (int d = 0; d < matrix.Length; d++) matrix[d] = new double[sourceChannels];
        Span<double> gains = stackalloc double[destination.ChannelCount];
        for (int s = 0; s < sourceChannels; s++)
        {
            double x = sourceChannels == 1 ? pan.X : pan.X + (s == 0 ? -pan.Width : pan.Width);
            PointGains(destination, Math.Clamp(x, -1.0, 1.0), pan.Y, pan.Z, gains);
            for (int d = 0; d < matrix.Length; d++) matrix[d][s] = gains[d];
        }
        if (destination.LfeIndex >= 0)
        {
            double lfe = Decibels.ToGain(pan.LfeDb);
            for (int s = 0; s < sourceChannels; s++) matrix[destination.LfeIndex][s] = lfe;
        }
        return matrix;
    }

    private static void AddLayer(IReadOnlyList<Speaker> speakers, double layerZ, double x, double y, double layerWeight, Span<double> gains)
    {
        var rows = DistinctSorted(speakers, s => s.Z == layerZ, s => s.Y);
        var (yLow, yHigh, yLowWeight, yHighWeight) = Bracket(rows, y);
        AddRow(speakers, layerZ, yLow, x, layerWeight * yLowWeight, gains);
        if (yHigh != yLow) AddRow(speakers, layerZ, yHigh, x, layerWeight * yHighWeight, gains);
    }

    private static void AddRow(IReadOnlyList<Speaker> speakers, double layerZ, double rowY, double x, double rowWeight, Span<double> gains)
    {
        var columns = DistinctSorted(speakers, s => s.Z == layerZ && s.Y == rowY, s => s.X);
        var (xLow, xHigh, xLowWeight, xHighWeight) = Bracket(columns, x);
        for (int i = 0; i < speakers.Count; i++)
        {
            var sp = speakers[i];
            if (sp.IsLfe || sp.Z != layerZ || sp.Y != rowY) continue;
            if (sp.X == xLow) gains[i] += rowWeight * xLowWeight;
            else if (sp.X == xHigh) gains[i] += rowWeight * xHighWeight;
        }
    }

    /// <summary>The neighbours of <paramref name="v"/> among sorted <paramref name="points"/> and their sin/cos weights.</summary>
    private static (double Low, double High, double LowWeight, double HighWeight) Bracket(List<double> points, double v)
    {
        if (v <= points[0]) return (points[0], points[0], 1.0, 0.0);
        if (v >= points[^1]) return (points[^1], points[^1], 1.0, 0.0);
        int hi = 1;
        while (points[hi] < v) hi++;
        double low = points[hi - 1], high = points[hi];
        if (v == high) return (high, high, 1.0, 0.0);
        double t = (v - low) / (high - low);
        if (t <= 0.0) return (low, low, 1.0, 0.0);
        if (t >= 1.0) return (high, high, 1.0, 0.0);
        double angle = 0.5 * Math.PI * t;
        return (low, high, Math.Cos(angle), Math.Sin(angle));
    }

    private static List<double> DistinctSorted(IReadOnlyList<Speaker> speakers, Func<Speaker, bool> include, Func<Speaker, double> coordinate)
    {
        var values = new List<double>();
        foreach (var s in speakers)
        {
            if (s.IsLfe || !include(s)) continue;
            double v = coordinate(s);
            if (!values.Contains(v)) values.Add(v);
        }
        values.Sort();
        return values;
    }
}
