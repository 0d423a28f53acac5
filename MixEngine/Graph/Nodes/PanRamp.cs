using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The live gains of one panned contribution (a mono or stereo strip's main output or send into one bus): the box
/// panner's gains for the strip's <see cref="PanStage"/> times the send level, held as dense
/// gains[destinationChannel × sourceChannels + sourceChannel]. When the stage changes, the new gains are computed once
/// at the next block start and every gain moves there in a straight line over <see cref="RampLength"/> samples:
/// gain(k) = start + (target − start)·(k / length) for the k-th sample of the ramp, reaching the target exactly at
/// k = length. The ramp counts samples, not blocks, so the result does not depend on block size; a change during a
/// ramp starts a new ramp from the gain reached. Gains that hold multiply exactly as a fixed matrix would (zero gains
/// are skipped), so a pan that never moves renders bit-identical to a static matrix.
/// <para>When the stage follows automation lanes (<see cref="PanStage.Follows"/>), the gains are instead computed at the
/// stage's update points (multiples of <see cref="AutomationPlayback.Interval"/>) and move in a straight line from one
/// point to the next: gain(t) = G(g) + (t − g)·(G(g + I) − G(g))/I for g ≤ t &lt; g + I, a function of the timeline
/// position alone, so any block split renders the same samples; no block is cut, and the panner's gains are computed
/// once per update point.</para>
/// <para>Thread rules: construction is control side; <see cref="RtBeginBlock"/> runs once per block on the thread that
/// processes the source strip (before any bus reads this contribution); <see cref="RtAccumulate"/> runs per destination
/// channel on any render worker and only reads. Nothing allocates, locks or throws after construction.</para>
/// </summary>
public sealed class PanRamp
{
    private readonly BoxPanner _panner;
    private readonly PanStage _stage;
    private readonly int _sources;
    private readonly double _level;
    private readonly double[] _start;
    private readonly double[] _target;
    private readonly double[] _next;
    private readonly double[] _pointGains;
    private long _blockPosition;
    private int _version;
    private int _rampPosition;
    private int _rampSamples;

    /// <summary>Prepares the gains of a <paramref name="sourceChannels"/>-channel source at the stage's current pan; control side.</summary>
    public PanRamp(BoxPanner panner, PanStage stage, int sourceChannels, double level, int rampLength)
    {
        if (sourceChannels is not (1 or 2))
            throw new ArgumentException($"the box panner places mono and stereo sources, not {sourceChannels} channels", nameof(sourceChannels));
        ArgumentOutOfRangeException.ThrowIfLessThan(rampLength, 1);
        _panner = panner;
        _stage = stage;
        _sources = sourceChannels;
        _level = level;
        RampLength = rampLength;
        int gains = panner.Destination.ChannelCount * sourceChannels;
        _start = new double[gains];
        _target = new double[gains];
        _next = new double[gains];
        RtCompute(_target);
        _target.CopyTo(_start, 0);
        _version = stage.Version;
        _rampPosition = rampLength;
        _pointGains = new double[stage.MaxPoints * gains];
    }

    /// <summary>The strip's pan controls this contribution follows.</summary>
    public PanStage Stage => _stage;

    /// <summary>Samples over which a change of the pan glides to its new gains.</summary>
    public int RampLength { get; }

    /// <summary>The gains the contribution holds or ramps to, as a matrix [destinationChannel][sourceChannel]; control side (allocates).</summary>
    public double[][] TargetMatrix()
    {
        var matrix = new double[_panner.Destination.ChannelCount][];
        for (int d = 0; d < matrix.Length; d++) matrix[d] = _target.AsSpan(d * _sources, _sources).ToArray();
        return matrix;
    }

    /// <summary>
    /// Starts block [<paramref name="position"/>, +<paramref name="count"/>): advances the ramp past the previous block
    /// and, when the stage changed, computes the new gains and starts a ramp from the gains reached; for a stage that
    /// follows lanes, computes the gains of the update points the stage has just evaluated. Rt, once per block, after the
    /// stage's <see cref="PanStage.RtBeginBlock"/>.
    /// </summary>
    public void RtBeginBlock(long position, int count)
    {
        if (_pointGains.Length > 0 && _stage.Follows)
        {
            RtBeginFollowedBlock(position);
            return;
        }
        _rampPosition += _rampSamples;
        if (_stage.Version != _version)
        {
            _version = _stage.Version;
            RtCompute(_next);
            if (!_next.AsSpan().SequenceEqual(_target))
            {
                for (int i = 0; i < _target.Length; i++) _start[i] = GainAt(_start[i], _target[i], _rampPosition, RampLength);
                _next.CopyTo(_target, 0);
                _rampPosition = 0;
            }
        }
        _rampSamples = Math.Min(count, RampLength - _rampPosition);
    }

    /// <summary>Takes the stage's current pan and holds its gains from now on without a ramp (values set while the transport is stopped). Rt, between blocks.</summary>
    public void RtSettle()
    {
        _stage.RtForgetPoints();
        if (_stage.Version != _version)
        {
            _version = _stage.Version;
            RtCompute(_target);
        }
        _target.CopyTo(_start, 0);
        _rampPosition = RampLength;
        _rampSamples = 0;
    }

    /// <summary>Adds this block's share of destination channel <paramref name="destinationChannel"/> from <paramref name="sources"/> into <paramref name="destination"/>. Rt.</summary>
    public void RtAccumulate(double[][] sources, int destinationChannel, Span<double> destination)
    {
        if (_pointGains.Length > 0 && _stage.Follows)
        {
            RtAccumulateFollowed(sources, destinationChannel, destination);
            return;
        }
        int count = destination.Length;
        for (int s = 0; s < _sources; s++)
        {
            int i = destinationChannel * _sources + s;
            var source = sources[s].AsSpan(0, count);
            double target = _target[i];
            int ramp = _rampSamples > 0 && _start[i] != target ? _rampSamples : 0;
            if (ramp > 0) MixSum.RtAccumulateRamp(source[..ramp], destination[..ramp], _start[i], target, _rampPosition, RampLength);
            if (target != 0.0 && ramp < count) MixSum.RtAccumulate(source[ramp..], destination[ramp..], target);
        }
    }

    // The gains of the stage's update points: those carried from the previous block move to the front, the new ones are
    // computed (one panner evaluation per point).
    private void RtBeginFollowedBlock(long position)
    {
        _blockPosition = position;
        int gains = _target.Length, carried = _stage.RtCarried;
        if (carried > 0 && _stage.RtCarriedFrom > 0)
            Array.Copy(_pointGains, _stage.RtCarriedFrom * gains, _pointGains, 0, carried * gains);
        for (int k = carried; k < _stage.RtPointCount; k++)
        {
            var span = _pointGains.AsSpan(k * gains, gains);
            _panner.RtSourceGains(_stage.RtPoint(k), _sources, span);
            if (_level != 1.0)
                for (int i = 0; i < span.Length; i++) span[i] *= _level;
        }
    }

    private void RtAccumulateFollowed(double[][] sources, int destinationChannel, Span<double> destination)
    {
        const int interval = AutomationPlayback.Interval;
        int count = destination.Length, gains = _target.Length;
        long first = _stage.RtFirstPoint;
        for (int s = 0; s < _sources; s++)
        {
            int i = destinationChannel * _sources + s;
            var source = sources[s].AsSpan(0, count);
            int done = 0;
            while (done < count)
            {
                long t = _blockPosition + done;
                int k = (int)((t - first) / interval);
                int offset = (int)(t - first - (long)k * interval);
                int n = Math.Min(count - done, interval - offset);
                double from = _pointGains[k * gains + i], to = _pointGains[(k + 1) * gains + i];
                if (from != to) MixSum.RtAccumulateLine(source.Slice(done, n), destination.Slice(done, n), from, (to - from) / interval, offset);
                else if (from != 0.0) MixSum.RtAccumulate(source.Slice(done, n), destination.Slice(done, n), from);
                done += n;
            }
        }
    }

    private static double GainAt(double start, double target, int position, int length) =>
        position >= length ? target : start + (target - start) * ((double)position / length);

    private void RtCompute(double[] gains)
    {
        _panner.RtSourceGains(_stage.Controls, _sources, gains);
        if (_level == 1.0) return;
        for (int i = 0; i < gains.Length; i++) gains[i] *= _level;
    }
}
