using System.Runtime.CompilerServices;
using MixEngine.Files;

namespace MixEngine.Dsp;

/// <summary>
/// A layout's speakers (LFE left out) arranged for the box panner: height layers (distinct Z, ascending), in each layer
/// rows (distinct Y), in each row columns (distinct X), each column one speaker. Built once per layout on the control
/// side; immutable afterwards, so any thread (including Rt code) may compute gains from it without allocating.
/// <para>
/// Point source at (x, y, z): the two layers bracketing z, in each the two rows bracketing y, in each the two columns
/// bracketing x; a coordinate beyond the outermost clamps to it. Along each axis, with t the position between the two
/// neighbours (0..1), the weights are cos(πt/2) and sin(πt/2); a speaker's gain is the product of its three weights,
/// so the squares of the gains sum to 1, and a source exactly on a speaker feeds it with gain exactly 1.0.
/// </para>
/// <para>
/// Spread source (divergence d &gt; 0): the source is the uniform distribution of points over the box
/// [x − d, x + d] × [y − d, y + d] × [z − d/2, z + d/2] (points beyond a wall count at the wall). A speaker's gain is the
/// root of the mean over that box of its squared point gain (energy adds, as for decorrelated copies). The point
/// gain is a product of per-axis weights, so the mean factorises per axis, and each axis mean is the exact integral of
/// cos²(πt/2) = (1 + cos πt)/2 or sin²(πt/2) = (1 − cos πt)/2 over the part of the box between two neighbours.
/// The squares still sum to exactly 1 (up to rounding), and the gains tend to the point gains as d → 0.
/// </para>
/// </summary>
public sealed class SpeakerGrid
{
    private const int MaxPoints = 32;
    private static readonly Dictionary<ChannelLayout, SpeakerGrid> Cache = [];
    private static readonly Lock CacheLock = new();

    private readonly double[] _layerZ;
    private readonly int[] _layerFirstRow;
    private readonly double[] _rowY;
    private readonly int[] _rowFirstColumn;
    private readonly double[] _columnX;
    private readonly int[] _columnSpeaker;
    private readonly bool[] _sameColumnsAsNext;

    private SpeakerGrid(ChannelLayout layout)
    {
        Layout = layout;
        var speakers = layout.Speakers.Select((s, i) => (s, i)).Where(p => !p.s.IsLfe).ToList();
        var layers = speakers.Select(p => p.s.Z).Distinct().Order().ToArray();
        var layerFirstRow = new List<int>();
        var rowY = new List<double>();
        var rowFirstColumn = new List<int>();
        var columnX = new List<double>();
        var columnSpeaker = new List<int>();
        foreach (double z in layers)
        {
            layerFirstRow.Add(rowY.Count);
            foreach (double y in speakers.Where(p => p.s.Z == z).Select(p => p.s.Y).Distinct().Order())
            {
                rowY.Add(y);
                rowFirstColumn.Add(columnX.Count);
                foreach (var (s, i) in speakers.Where(p => p.s.Z == z && p.s.Y == y).OrderBy(p => p.s.X))
                {
                    if (columnX.Count > rowFirstColumn[^1] && columnX[^1] == s.X)
                        throw new ArgumentException($"layout {layout.Name}: two speakers at ({s.X}, {s.Y}, {s.Z})", nameof(layout));
                    columnX.Add(s.X);
                    columnSpeaker.Add(i);
                }
            }
        }
        layerFirstRow.Add(rowY.Count);
        rowFirstColumn.Add(columnX.Count);
        _layerZ = layers;
        _layerFirstRow = [.. layerFirstRow];
        _rowY = [.. rowY];
        _rowFirstColumn = [.. rowFirstColumn];
        _columnX = [.. columnX];
        _columnSpeaker = [.. columnSpeaker];
        _sameColumnsAsNext = new bool[_rowY.Length];
        for (int r = 0; r + 1 < _rowY.Length; r++)
            _sameColumnsAsNext[r] = _columnX.AsSpan(_rowFirstColumn[r], _rowFirstColumn[r + 1] - _rowFirstColumn[r])
                .SequenceEqual(_columnX.AsSpan(_rowFirstColumn[r + 1], _rowFirstColumn[r + 2] - _rowFirstColumn[r + 1]));
    }

    /// <summary>The layout the grid was built from.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>The grid of <paramref name="layout"/>, built on first use and shared; any thread (locks only on the first call per layout).</summary>
    public static SpeakerGrid For(ChannelLayout layout)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(layout, out var grid)) Cache[layout] = grid = new SpeakerGrid(layout);
            return grid;
        }
    }

    /// <summary>
    /// Writes the gains of a source at (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) spread by
    /// <paramref name="divergence"/> into <paramref name="gains"/> (one per layout channel; LFE 0); with
    /// <paramref name="height"/> off only the lowest layer is used. Rt: no allocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled for this machine at first call: see PanWeights
    public void RtGains(double x, double y, double z, double divergence, bool height, Span<double> gains)
    {
        gains.Clear();
        int layers = height ? _layerZ.Length : 1;
        if (divergence > 0.0) RtSpread(x, y, z, divergence, layers, gains);
        else RtPoint(x, y, z, layers, gains);
    }

    private void RtPoint(double x, double y, double z, int layers, Span<double> gains)
    {
        var (zLow, zHigh, zLowWeight, zHighWeight) = Bracket(_layerZ, 0, layers, z);
        AddLayer(zLow, x, y, zLowWeight, gains);
        if (zHigh != zLow) AddLayer(zHigh, x, y, zHighWeight, gains);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtGains (not inlined there)
    private void AddLayer(int layer, double x, double y, double layerWeight, Span<double> gains)
    {
        int first = _layerFirstRow[layer];
        var (yLow, yHigh, yLowWeight, yHighWeight) = Bracket(_rowY, first, _layerFirstRow[layer + 1] - first, y);
        var columns = ColumnBracket(yLow, x);
        AddRow(columns, layerWeight * yLowWeight, gains);
        if (yHigh == yLow) return;
        // yHigh is the next row; when its columns sit where yLow's do, its bracket is yLow's moved along by the row's start.
        if (_sameColumnsAsNext[yLow])
        {
            int shift = _rowFirstColumn[yHigh] - _rowFirstColumn[yLow];
            columns = (columns.Low + shift, columns.High + shift, columns.LowWeight, columns.HighWeight);
        }
        else columns = ColumnBracket(yHigh, x);
        AddRow(columns, layerWeight * yHighWeight, gains);
    }

    private (int Low, int High, double LowWeight, double HighWeight) ColumnBracket(int row, double x)
    {
        int first = _rowFirstColumn[row];
        return Bracket(_columnX, first, _rowFirstColumn[row + 1] - first, x);
    }

    private void AddRow((int Low, int High, double LowWeight, double HighWeight) columns, double rowWeight, Span<double> gains)
    {
        gains[_columnSpeaker[columns.Low]] += rowWeight * columns.LowWeight;
        if (columns.High != columns.Low) gains[_columnSpeaker[columns.High]] += rowWeight * columns.HighWeight;
    }

    /// <summary>The neighbours (indices into <paramref name="points"/>) of <paramref name="v"/> among the sorted run and their cos/sin weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a followed pan brackets each axis at every update point
    private static (int Low, int High, double LowWeight, double HighWeight) Bracket(double[] points, int first, int count, double v)
    {
        int last = first + count - 1;
        if (v <= points[first]) return (first, first, 1.0, 0.0);
        if (v >= points[last]) return (last, last, 1.0, 0.0);
        int hi = first + 1;
        while (points[hi] < v) hi++;
        double low = points[hi - 1], high = points[hi];
        if (v == high) return (hi, hi, 1.0, 0.0);
        double t = (v - low) / (high - low);
        if (t <= 0.0) return (hi - 1, hi - 1, 1.0, 0.0);
        if (t >= 1.0) return (hi, hi, 1.0, 0.0);
        var (cos, sin) = PanWeights.At(t);
        return (hi - 1, hi, cos, sin);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtGains
    private void RtSpread(double x, double y, double z, double divergence, int layers, Span<double> gains)
    {
        Span<double> layerPower = stackalloc double[MaxPoints];
        Span<double> rowPower = stackalloc double[MaxPoints];
        Span<double> columnPower = stackalloc double[MaxPoints];
        MeanSquareWeights(_layerZ, 0, layers, z - 0.5 * divergence, z + 0.5 * divergence, layerPower);
        for (int l = 0; l < layers; l++)
        {
            if (layerPower[l] == 0.0) continue;
            int firstRow = _layerFirstRow[l], rows = _layerFirstRow[l + 1] - firstRow;
            MeanSquareWeights(_rowY, firstRow, rows, y - divergence, y + divergence, rowPower);
            for (int r = 0; r < rows; r++)
            {
                double power = layerPower[l] * rowPower[r];
                if (power == 0.0) continue;
                int firstColumn = _rowFirstColumn[firstRow + r], columns = _rowFirstColumn[firstRow + r + 1] - firstColumn;
                MeanSquareWeights(_columnX, firstColumn, columns, x - divergence, x + divergence, columnPower);
                for (int c = 0; c < columns; c++)
                    gains[_columnSpeaker[firstColumn + c]] = Math.Sqrt(power * columnPower[c]);
            }
        }
    }

    /// <summary>
    /// For each point of the sorted run, the mean of its squared cos/sin weight over positions uniform in
    /// [<paramref name="low"/>, <paramref name="high"/>] (positions beyond the run count at its ends); the means sum to 1.
    /// </summary>
    private static void MeanSquareWeights(double[] points, int first, int count, double low, double high, Span<double> power)
    {
        power[..count].Clear();
        if (count == 1)
        {
            power[0] = 1.0;
            return;
        }
        double length = high - low;
        power[0] += Math.Max(0.0, Math.Min(high, points[first]) - low);
        power[count - 1] += Math.Max(0.0, high - Math.Max(low, points[first + count - 1]));
        for (int j = 0; j < count - 1; j++)
        {
            double p0 = points[first + j], p1 = points[first + j + 1];
            double a = Math.Max(low, p0), b = Math.Min(high, p1);
            if (b <= a) continue;
            double span = p1 - p0, t0 = (a - p0) / span, t1 = (b - p0) / span;
            double even = 0.5 * (b - a);
            double odd = span * (Math.Sin(Math.PI * t1) - Math.Sin(Math.PI * t0)) / (2.0 * Math.PI);
            power[j] += even + odd;
            power[j + 1] += even - odd;
        }
        for (int j = 0; j < count; j++) power[j] = Math.Max(0.0, power[j] / length);
    }
}
