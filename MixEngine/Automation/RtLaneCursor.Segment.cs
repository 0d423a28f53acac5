using System.Runtime.Intrinsics;
using MixEngine.Dsp;

namespace MixEngine.Automation;

public sealed partial class RtLaneCursor
{
    /// <summary>
    /// One curve's current segment as a gain run plays it, four samples at a time, by the same arithmetic as
    /// <see cref="AutomationCurve.Interpolate"/>: t = (position − start) / length exactly as there; the S-curve's cos πt
    /// by rotating an exact (cos, sin) at the run's anchor (the later of the cell start and the breakpoint) through a
    /// table of (cos, sin)(mπ/length), made once per segment (exact at m below 8 and at multiples of 8, the rest one
    /// rotation from them: a few units in the last place); a segment with a −∞ end in linear gain (no dB round trip).
    /// Constants are taken once per segment, the anchor once per run. Runs on the thread that fills the lane's gains;
    /// never allocates.
    /// </summary>
    private sealed class GainSegment
    {
        private const int TableSize = GainGrid + 4, Row = 8;

        private readonly double[] _cos = new double[TableSize], _sin = new double[TableSize];
        private int _segment = -2;
        private bool _sCurve;
        private long _from;
        private Vector256<double> _start, _span, _length, _offset, _cos0, _sin0;
        private int _step0;

        /// <summary>True when the segment changes value over the run (else every value is its constant value).</summary>
        public bool Moves { get; private set; }

        /// <summary>True when the values are linear gains (a −∞ end), false when they are dB.</summary>
        public bool InGain { get; private set; }

        /// <summary>Takes segment <paramref name="k"/> of <paramref name="points"/> for the run from <paramref name="p"/> inside the cell at <paramref name="cellStart"/>.</summary>
        public void RtBeginRun(AutomationPoint[] points, int k, long p, long cellStart)
        {
            if (k != _segment) RtTake(points, k);
            if (!Moves) return;
            if (!_sCurve)
            {
                _offset = Vector256.Create((double)(p - _from));
                return;
            }
            long anchor = Math.Max(cellStart, _from);
            var (sin0, cos0) = Math.SinCos(Math.PI * ((anchor - _from) / _length[0]));
            _cos0 = Vector256.Create(cos0);
            _sin0 = Vector256.Create(sin0);
            _step0 = (int)(p - anchor);
        }

        private void RtTake(AutomationPoint[] points, int k)
        {
            _segment = k;
            Moves = RtLaneCursor.Moves(points, points.Length, k);
            if (!Moves)
            {
                InGain = false;
                _start = Vector256.Create(points[Math.Max(k, 0)].Value);
                return;
            }
            ref readonly var a = ref points[k];
            ref readonly var b = ref points[k + 1];
            InGain = double.IsNegativeInfinity(a.Value) || double.IsNegativeInfinity(b.Value);
            double start = InGain ? Decibels.ToGain(a.Value) : a.Value;
            _start = Vector256.Create(start);
            _span = Vector256.Create((InGain ? Decibels.ToGain(b.Value) : b.Value) - start);
            double length = b.Position - a.Position;
            _length = Vector256.Create(length);
            _from = a.Position;
            _sCurve = a.Shape == SegmentShape.SCurve;
            if (!_sCurve) return;
            double delta = Math.PI / length;
            for (int m = 0; m < Row; m++) (_sin[m], _cos[m]) = Math.SinCos(m * delta);
            for (int r = Row; r < TableSize; r += Row)
            {
                var (sr, cr) = Math.SinCos(r * delta);
                for (int m = 0; m < Row && r + m < TableSize; m++)
                {
                    _cos[r + m] = cr * _cos[m] - sr * _sin[m];
                    _sin[r + m] = sr * _cos[m] + cr * _sin[m];
                }
            }
        }

        /// <summary>
        /// Writes the segment's values for the run's first <paramref name="count"/> samples into
        /// <paramref name="values"/>, rounded up to whole vectors (count ≤ <see cref="GainGrid"/>, values of
        /// <see cref="GainGrid"/> + 4).
        /// </summary>
        public void RtValues(double[] values, int count)
        {
            int lanes = Vector256<double>.Count;
            if (!Moves)
            {
                for (int i = 0; i < count; i += lanes) _start.StoreUnsafe(ref values[0], (nuint)i);
                return;
            }
            var start = _start;
            var span = _span;
            if (_sCurve)
            {
                var half = Vector256.Create(0.5);
                var cos0 = _cos0;
                var sin0 = _sin0;
                ref double cos = ref _cos[_step0];
                ref double sin = ref _sin[_step0];
                for (int i = 0; i < count; i += lanes)
                {
                    var c = cos0 * Vector256.LoadUnsafe(ref cos, (nuint)i) - sin0 * Vector256.LoadUnsafe(ref sin, (nuint)i);
                    (start + span * (half * (Vector256<double>.One - c))).StoreUnsafe(ref values[0], (nuint)i);
                }
                return;
            }
            var length = _length;
            var offset = _offset + Vector256.Create(0.0, 1.0, 2.0, 3.0);
            var step = Vector256.Create((double)lanes);
            for (int i = 0; i < count; i += lanes)
            {
                (start + span * (offset / length)).StoreUnsafe(ref values[0], (nuint)i);
                offset += step;
            }
        }
    }
}
