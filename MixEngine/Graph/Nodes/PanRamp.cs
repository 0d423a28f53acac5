using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The live gains of one panned contribution (a mono or stereo strip's main output or send into one bus, or a
/// multichannel strip's send): the box panner's gains for the strip's <see cref="PanStage"/> (a multichannel source's
/// fixed channel conversion) times the send's live level (<see cref="SendLevel"/>; 1 for a main output), held as dense
/// gains[destinationChannel × sourceChannels + sourceChannel]. When the stage or the send level changes, the new gains are computed once
/// at the next block start and every gain moves there in a straight line over <see cref="RampLength"/> samples:
/// gain(k) = start + (target − start)·(k / length) for the k-th sample of the ramp, reaching the target exactly at
/// k = length. The ramp counts samples, not blocks, so the result does not depend on block size; a change during a
/// ramp starts a new ramp from the gain reached. Gains that hold multiply exactly as a fixed matrix would (zero gains
/// are skipped), so a pan that never moves renders bit-identical to a static matrix.
/// <para>When the stage follows automation lanes (<see cref="PanStage.Follows"/>: pan lanes of the strip, or level and mute
/// lanes of one of its sends), the gains (pan × send level, each read at the point) are instead computed at the
/// stage's update points (multiples of <see cref="AutomationPlayback.PointInterval"/>) and move in a straight line from one
/// point to the next: gain(t) = G(g) + (t − g)·(G(g + I) − G(g))/I for g ≤ t &lt; g + I, a function of the timeline
/// position alone, so any block split renders the same samples; no block is cut, and the panner's gains are computed
/// once per update point.</para>
/// <para>Thread rules: construction is control side; <see cref="RtBeginBlock"/> runs once per block on the thread that
/// processes the source strip (before any bus reads this contribution); <see cref="RtAccumulate"/> runs per destination
/// channel on any render worker and only reads. Nothing allocates, locks or throws after construction.</para>
/// </summary>
public sealed class PanRamp
{
    private readonly BoxPanner? _panner;
    private readonly double[]? _fixed;
    private readonly PanStage _stage;
    private readonly SendLevel? _send;
    private readonly int _sources;
    private readonly int _gains; // gains per point (destination × source channels), kept here so a followed block does not read an array's length
    private readonly double _level;
    private readonly double[] _start;
    private readonly double[] _target;
    private readonly double[] _next;
    private readonly double[] _pointGains;
    private readonly double[] _pointLevels;
    private readonly bool[] _channelSounds;
    private long _blockPosition, _firstPoint;
    private bool _followed;
    private int _version, _sendVersion;
    private bool _silent;
    private int _rampPosition;
    private int _rampSamples;

    /// <summary>
    /// Prepares the gains of a <paramref name="sourceChannels"/>-channel source at the stage's current pan, times
    /// <paramref name="level"/>, or times the live level of <paramref name="send"/> when given; control side.
    /// </summary>
    public PanRamp(BoxPanner panner, PanStage stage, int sourceChannels, double level, int rampLength, SendLevel? send = null)
        : this(panner, null, stage, sourceChannels, panner.Destination.ChannelCount, level, rampLength, send)
    {
        if (sourceChannels is not (1 or 2))
            throw new ArgumentException($"the box panner places mono and stereo sources, not {sourceChannels} channels", nameof(sourceChannels));
    }

    /// <summary>
    /// Prepares the gains of a multichannel source's send: the fixed channel conversion <paramref name="conversion"/>
    /// [destinationChannel][sourceChannel] times the live level of <paramref name="send"/> (the pan does not apply; the
    /// stage only clocks the update points of lanes); control side.
    /// </summary>
    public PanRamp(double[][] conversion, PanStage stage, SendLevel send, int rampLength)
        : this(null, Dense(conversion), stage, conversion[0].Length, conversion.Length, 1.0, rampLength, send)
    {
    }

    private PanRamp(BoxPanner? panner, double[]? fixedGains, PanStage stage, int sourceChannels, int destinationChannels, double level,
        int rampLength, SendLevel? send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rampLength, 1);
        _panner = panner;
        _fixed = fixedGains;
        _stage = stage;
        _send = send;
        _sources = sourceChannels;
        _level = level;
        RampLength = rampLength;
        int gains = destinationChannels * sourceChannels;
        _gains = gains;
        _start = new double[gains];
        _target = new double[gains];
        _next = new double[gains];
        RtCompute(_target);
        _target.CopyTo(_start, 0);
        _version = stage.Version;
        _sendVersion = send?.Version ?? 0;
        _rampPosition = rampLength;
        _pointGains = new double[stage.MaxPoints * gains];
        _pointLevels = new double[stage.MaxPoints];
        _channelSounds = new bool[destinationChannels];
        _silent = AllZero(_target);
    }

    private static double[] Dense(double[][] matrix)
    {
        int sources = matrix[0].Length;
        var gains = new double[matrix.Length * sources];
        for (int d = 0; d < matrix.Length; d++) matrix[d].CopyTo(gains, d * sources);
        return gains;
    }

    /// <summary>The send whose live level this contribution follows, or null (a main output, or a fixed level).</summary>
    public SendLevel? Send => _send;

    /// <summary>True when every gain is 0 for the whole block (a muted send that is not gliding). Rt, after <see cref="RtBeginBlock"/>.</summary>
    public bool RtSilent => _silent;

    /// <summary>The strip's pan controls this contribution follows.</summary>
    public PanStage Stage => _stage;

    /// <summary>Samples over which a change of the pan glides to its new gains.</summary>
    public int RampLength { get; }

    /// <summary>The gains the contribution holds or ramps to, as a matrix [destinationChannel][sourceChannel]; control side (allocates).</summary>
    public double[][] TargetMatrix()
    {
        var matrix = new double[_target.Length / _sources][];
        for (int d = 0; d < matrix.Length; d++) matrix[d] = _target.AsSpan(d * _sources, _sources).ToArray();
        return matrix;
    }

    /// <summary>
    /// Starts block [<paramref name="position"/>, +<paramref name="count"/>): advances the ramp past the previous block
    /// and, when the stage changed, computes the new gains and starts a ramp from the gains reached; for a stage that
    /// follows lanes, computes the gains of the update points the stage has just evaluated. Rt, once per block, after the
    /// stage's <see cref="PanStage.RtBeginBlock"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled for this machine at first call: see PanWeights
    public void RtBeginBlock(long position, int count)
    {
        _followed = _pointGains.Length > 0 && _stage.Follows;
        if (_followed)
        {
            RtBeginFollowedBlock(position);
            return;
        }
        _rampPosition += _rampSamples;
        if (_stage.Version != _version || (_send is not null && _send.Version != _sendVersion))
        {
            _version = _stage.Version;
            _sendVersion = _send?.Version ?? 0;
            RtCompute(_next);
            if (!_next.AsSpan().SequenceEqual(_target))
            {
                for (int i = 0; i < _target.Length; i++) _start[i] = GainAt(_start[i], _target[i], _rampPosition, RampLength);
                _next.CopyTo(_target, 0);
                _rampPosition = 0;
            }
        }
        _rampSamples = Math.Min(count, RampLength - _rampPosition);
        _silent = _rampSamples == 0 && AllZero(_target);
    }

    /// <summary>Takes the stage's current pan and holds its gains from now on without a ramp (values set while the transport is stopped). Rt, between blocks.</summary>
    public void RtSettle()
    {
        _stage.RtForgetPoints();
        if (_stage.Version != _version || (_send is not null && _send.Version != _sendVersion))
        {
            _version = _stage.Version;
            _sendVersion = _send?.Version ?? 0;
            RtCompute(_target);
        }
        _target.CopyTo(_start, 0);
        _rampPosition = RampLength;
        _rampSamples = 0;
        _silent = AllZero(_target);
    }

    /// <summary>Adds this block's share of destination channel <paramref name="destinationChannel"/> from <paramref name="sources"/> into <paramref name="destination"/>. Rt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    public void RtAccumulate(double[][] sources, int destinationChannel, Span<double> destination)
    {
        if (_followed)
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

    /// <summary>
    /// Adds this block's share of destination channels <paramref name="first"/> … <paramref name="end"/> − 1 from
    /// <paramref name="sources"/> into the first <paramref name="count"/> samples of <c>destinations[channel]</c>, the same
    /// bits as <see cref="RtAccumulate(double[][], int, Span{double})"/> channel by channel; a followed contribution reads
    /// each source span once for two channels (source-major). Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    public void RtAccumulate(double[][] sources, int first, int end, double[][] destinations, int count)
    {
        if (!_followed)
        {
            for (int c = first; c < end; c++) RtAccumulate(sources, c, destinations[c].AsSpan(0, count));
            return;
        }
        int gains = _gains;
        var points = RtBlockPoints(out int offset);
        for (int s = 0; s < _sources; s++)
        {
            var source = sources[s].AsSpan(0, count);
            int waiting = -1;
            for (int c = first; c < end; c++)
            {
                if (!_channelSounds[c]) continue;
                if (waiting < 0)
                {
                    waiting = c;
                    continue;
                }
                AccumulatePair(source, destinations[waiting].AsSpan(0, count), destinations[c].AsSpan(0, count), points, gains,
                    waiting * _sources + s, c * _sources + s, offset);
                waiting = -1;
            }
            if (waiting >= 0) Accumulate(source, destinations[waiting].AsSpan(0, count), points, gains, waiting * _sources + s, offset);
        }
    }

    // The gains of the block's update points from its first on, and the block start's offset from that point.
    private ReadOnlySpan<double> RtBlockPoints(out int offset)
    {
        const int interval = AutomationPlayback.PointInterval;
        long into = _blockPosition - _firstPoint;
        int first = (int)(into / interval);
        offset = (int)(into - (long)first * interval);
        return _pointGains.AsSpan(first * _gains);
    }

    // Adds source × gain line `index` of the points (point p's gains at points[p × stride …]) into destination: a line
    // where the gain moves, the held gain where it holds, nothing where it is 0, from `offset` samples after point 0.
    private static void Accumulate(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> points, int stride, int index, int offset) =>
        MixSum.RtAccumulatePolyline(source, destination, points[index..], stride, offset, AutomationPlayback.PointInterval);

    // As Accumulate for two lines of one source, reading the source once where both sound.
    private static void AccumulatePair(ReadOnlySpan<double> source, Span<double> destination0, Span<double> destination1,
        ReadOnlySpan<double> points, int stride, int index0, int index1, int offset) =>
        MixSum.RtAccumulatePolylinePair(source, destination0, destination1, points[index0..], points[index1..], stride, offset,
            AutomationPlayback.PointInterval);

    // The gains of the stage's update points: those carried from the previous block move to the front, the new ones are
    // computed (one panner evaluation per point; a point whose controls and level equal the point before it copies its
    // gains). Then which destination channels receive anything this block, so the others cost one test per channel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    private void RtBeginFollowedBlock(long position)
    {
        _blockPosition = position;
        _firstPoint = _stage.RtFirstPoint;
        int gains = _gains, carried = _stage.RtCarried, points = _stage.RtPointCount;
        if (carried > 0 && _stage.RtCarriedFrom > 0)
        {
            _pointGains.AsSpan(_stage.RtCarriedFrom * gains, carried * gains).CopyTo(_pointGains);
            if (_send is not null)
                for (int k = 0; k < carried; k++) _pointLevels[k] = _pointLevels[_stage.RtCarriedFrom + k];
        }
        for (int k = carried; k < points; k++)
        {
            var span = _pointGains.AsSpan(k * gains, gains);
            // Without a send every point's level is the fixed one, and the levels are neither kept nor compared.
            double level = _level;
            bool sameLevel = true;
            if (_send is not null)
            {
                level = _send.RtGainAt(_firstPoint + (long)k * AutomationPlayback.PointInterval);
                _pointLevels[k] = level;
                sameLevel = k > 0 && level == _pointLevels[k - 1];
            }
            if (k > 0 && sameLevel && _stage.RtRepeats(k))
            {
                _pointGains.AsSpan((k - 1) * gains, gains).CopyTo(span);
                continue;
            }
            RtBaseGains(_stage.RtPoint(k), span);
            if (level != 1.0)
                for (int i = 0; i < span.Length; i++) span[i] *= level;
        }
        _silent = RtFindSounding(points);
    }

    // Which channels any point feeds: the bits of the channel's gains at every point or-ed, sign left out (no branch
    // per gain). True when none does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    private bool RtFindSounding(int points)
    {
        int gains = _gains;
        var pointBits = MemoryMarshal.Cast<double, long>(_pointGains.AsSpan(0, points * gains));
        bool silent = true;
        for (int d = 0; d < _channelSounds.Length; d++)
        {
            long any = 0;
            for (int at = d * _sources; at < pointBits.Length; at += gains)
                for (int s = 0; s < _sources; s++)
                    any |= pointBits[at + s];
            bool sounds = (any & long.MaxValue) != 0;
            _channelSounds[d] = sounds;
            silent &= !sounds;
        }
        return silent;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    private void RtAccumulateFollowed(double[][] sources, int destinationChannel, Span<double> destination)
    {
        if (!_channelSounds[destinationChannel]) return;
        var points = RtBlockPoints(out int offset);
        for (int s = 0; s < _sources; s++)
            Accumulate(sources[s].AsSpan(0, destination.Length), destination, points, _gains, destinationChannel * _sources + s, offset);
    }

    private static double GainAt(double start, double target, int position, int length) =>
        position >= length ? target : start + (target - start) * ((double)position / length);

    private void RtCompute(double[] gains)
    {
        RtBaseGains(_stage.Controls, gains);
        double level = _send?.Gain ?? _level;
        if (level == 1.0) return;
        for (int i = 0; i < gains.Length; i++) gains[i] *= level;
    }

    // The panner's gains for the controls, or the fixed conversion of a multichannel source.
    private void RtBaseGains(in PanControls controls, Span<double> gains)
    {
        if (_panner is not null) _panner.RtSourceGains(controls, _sources, gains);
        else _fixed!.CopyTo(gains);
    }

    private static bool AllZero(ReadOnlySpan<double> gains)
    {
        foreach (double g in gains)
            if (g != 0.0) return false;
        return true;
    }
}
