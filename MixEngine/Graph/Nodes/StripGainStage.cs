using System.Runtime.CompilerServices;
using MixEngine.Automation;
using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The gain part of a track or bus strip: input gain (trim × polarity sign) before the pre-fader tap and output gain
/// (fader + VCA faders, in dB, as one linear gain) after it; mute (own, VCA or implicit solo mute) silences the whole
/// strip including pre-fader sends. Every part is live: the driver thread sets targets between blocks (through the
/// plan's <see cref="IRtParameter"/> table), and the next block ramps each linear gain from its old to its new value
/// over the block (gain[i] = old + (new − old)·(i + 1)/count), a mute ramping to or from 0 the same way, so changes
/// never click. A block with no change multiplies by the held constants exactly as a fixed gain would, so renders
/// without changes stay bit-identical for any block size.
/// <para>Automation: lanes attached while the plan is built (<c>Automate*</c>) give per-sample gains, filled before each
/// block by the stage itself (<see cref="RtFillLanes"/>, its own lanes) or by the plan's <see cref="AutomationPlayback"/>
/// (VCA lanes): a trim lane multiplies the input gain, fader and VCA fader
/// lanes the output gain, and mute lanes (own or VCA) the input gain (so pre-fader sends mute too). A lane with a main
/// curve replaces the static value it automates (trim, fader, own mute); the static parts that remain still ramp over the
/// block as above. Each per-sample gain is a function of the sample position alone, so automated renders are also
/// bit-identical for any block split.</para>
/// <para>Thread rules: construction is control side; <c>RtSet*</c> run on the driver thread between blocks;
/// <see cref="RtFillLanes"/> and <see cref="RtBeginBlock"/> run once per block on the thread that renders the strip (a
/// track's render worker, the driver for a bus); <see cref="RtProcess"/> runs per channel, possibly on several render
/// workers at once, and only reads. Nothing here allocates, locks or throws after construction.</para>
/// </summary>
public sealed class StripGainStage
{
    private readonly double[] _inputRamp;
    private readonly double[] _outputRamp;
    private double[] _outputPath;
    private double _trimDb;
    private bool _polarity;
    private double _faderDb;
    private double _vcaDb;
    private bool _ownMute, _vcaMute, _soloMute;
    private double _inputNow, _outputNow;
    private bool _ramping, _inputRamping;
    private double[]? _trimGains;
    private double[][] _outputGains = [], _muteGains = [];
    private bool _trimAutomated, _faderAutomated, _muteAutomated, _automated;
    private GainLane[] _lanes = [];
    private CachedGain _inputGain, _outputGain;
    private GainLane? _fader;
    private bool _oneThreadPerBlock, _faderApplied;
    private long _lanePosition;
    // What a block's start asks of the lanes, kept in the stage (a block's first touch of the strip, which the caches
    // lost since its last block) so it needs no read of the lane arrays or the lane objects: how many lanes
    // RtFillLanes fills, whether the input side has lanes, and the cursor of a fader lane applied straight from it.
    private int _lanesToFill, _outputLanes;
    private bool _inputLanes;
    private RtLaneCursor? _faderCursor;
    // The cursors of every lane the strip's block reads (its gain lanes, and the pan, send and EQ lanes that follow its
    // controls), held in the stage itself, whose lines RtFillLanes asks for at the block's start (RtLaneCursor.RtPrefetch);
    // bit k of _prefetchGains: cursor k plays gain runs.
    private LaneCursors _prefetch;
    private int _prefetchCount, _prefetchGains;

    /// <summary>Room for the cursors a strip's block start asks for (a strip with more lanes asks for the first ones).</summary>
    [InlineArray(8)]
    private struct LaneCursors
    {
        private RtLaneCursor _cursor;
    }

    /// <summary>Creates the stage at its session values with ramp buffers for blocks up to <paramref name="blockSize"/>; control side.</summary>
    public StripGainStage(double trimDb, bool polarity, double faderDb, double vcaDb, bool muted, bool vcaMuted, bool soloMuted, int blockSize)
    {
        _trimDb = trimDb;
        _polarity = polarity;
        _faderDb = faderDb;
        _vcaDb = vcaDb;
        _ownMute = muted;
        _vcaMute = vcaMuted;
        _soloMute = soloMuted;
        _inputRamp = new double[blockSize];
        _outputRamp = new double[blockSize];
        _outputPath = _outputRamp;
        _inputNow = Muted ? 0.0 : InputGain;
        _outputNow = Muted ? 0.0 : OutputGain;
    }

    /// <summary>Target trim × polarity (−1 when inverted), applied before the pre-fader tap; ignores mute and excludes an automated trim.</summary>
    public double InputGain => Decibels.ToGain(InputDb) * InputSign;

    /// <summary>Target fader × VCA gain, applied after the pre-fader tap; ignores mute and excludes automated faders.</summary>
    public double OutputGain => Decibels.ToGain(OutputDb);

    private double InputDb => _trimAutomated ? 0.0 : _trimDb;
    private double InputSign => _polarity ? -1.0 : 1.0;
    private double OutputDb => (_faderAutomated ? 0.0 : _faderDb) + _vcaDb;

    /// <summary>True when the strip's static target is muted (own mute unless automated, a VCA mute, or implicitly by another strip's solo).</summary>
    public bool Muted => (_ownMute && !_muteAutomated) || _vcaMute || _soloMute;

    /// <summary>Attaches a trim lane's per-sample gains; with <paramref name="replaces"/> the static trim no longer counts. Control side, while the plan is built.</summary>
    internal void AutomateTrim(double[] gains, bool replaces)
    {
        _trimGains = gains;
        _trimAutomated = replaces;
        _inputLanes = true;
        RtResetStatic();
    }

    /// <summary>Attaches a fader or VCA fader lane's per-sample gains (multiplied into the output gain); control side.</summary>
    internal void AutomateOutput(double[] gains, bool replacesFader)
    {
        _outputGains = [.. _outputGains, gains];
        _outputLanes = _outputGains.Length;
        _faderAutomated |= replacesFader;
        RtResetStatic();
    }

    /// <summary>Attaches a mute lane's per-sample gains (own or VCA mute); <paramref name="replacesOwnMute"/> for the strip's own mute lane. Control side.</summary>
    internal void AutomateMute(double[] gains, bool replacesOwnMute)
    {
        _muteGains = [.. _muteGains, gains];
        _muteAutomated |= replacesOwnMute;
        _inputLanes = true;
        RtResetStatic();
    }

    /// <summary>Makes the stage fill <paramref name="lane"/> (one of its own lanes, attached by an <c>Automate*</c> call) in <see cref="RtFillLanes"/>; control side.</summary>
    internal void PlayLane(GainLane lane)
    {
        PrefetchLane(lane.Cursor, !lane.Switch);
        _lanes = [.. _lanes, lane];
        if (!lane.Switch && Array.IndexOf(_outputGains, lane.Buffer) >= 0) _fader = lane;
        CountLanesToFill();
    }

    /// <summary>
    /// Makes the block start (<see cref="RtFillLanes"/>) ask the processor for <paramref name="cursor"/>'s lines: a lane
    /// read during the strip's block (<paramref name="gains"/>: one that plays gain runs). Control side, while the plan is built.
    /// </summary>
    internal void PrefetchLane(RtLaneCursor cursor, bool gains)
    {
        if (_prefetchCount == 8) return;
        if (gains) _prefetchGains |= 1 << _prefetchCount;
        _prefetch[_prefetchCount++] = cursor;
    }

    /// <summary>
    /// Declares that every <see cref="RtProcess"/> and <see cref="RtProcessOutput"/> of a block runs on the thread that
    /// began it (a track's channels, all on its render worker), so the strip's own fader lane may be applied to each
    /// channel straight from its cursor instead of through its gain buffer. Control side, while the plan is built.
    /// </summary>
    internal void RunBlocksOnOneThread()
    {
        _oneThreadPerBlock = true;
        CountLanesToFill();
    }

    // The lanes RtFillLanes fills come first in _lanes (the fader applied from its cursor last), and the cursor it is applied from.
    private void CountLanesToFill()
    {
        bool fromCursor = _oneThreadPerBlock && _fader is not null;
        _lanes = [.. _lanes.Where(lane => !fromCursor || lane != _fader), .. _lanes.Where(lane => fromCursor && lane == _fader)];
        _lanesToFill = fromCursor ? _lanes.Length - 1 : _lanes.Length;
        _faderCursor = fromCursor ? _fader!.Cursor : null;
    }

    /// <summary>
    /// Fills the gains of the strip's own lanes for samples [<paramref name="position"/>, +<paramref name="count"/>)
    /// (the fader lane of a strip that runs its blocks on one thread in <see cref="RtBeginBlock"/>, when it is not
    /// applied straight from its cursor), after asking the processor for the lines of every lane the block reads
    /// (<see cref="RtLaneCursor.RtPrefetch"/>). The thread that renders the strip, before <see cref="RtBeginBlock"/>.
    /// </summary>
    public void RtFillLanes(long position, int count)
    {
        _lanePosition = position;
        for (int k = 0; k < _prefetchCount; k++) _prefetch[k].RtPrefetch((_prefetchGains & (1 << k)) != 0);
        for (int k = 0; k < _lanesToFill; k++) _lanes[k].RtFill(position, count);
    }

    private void RtResetStatic()
    {
        _automated = true;
        _inputNow = Muted ? 0.0 : InputGain;
        _outputNow = Muted ? 0.0 : OutputGain;
    }

    /// <summary>True when the strip is muted and its fade-out has finished, so the node may skip the block as silent. Driver thread, after <see cref="RtBeginBlock"/>.</summary>
    public bool RtSilent => Muted && !_ramping;

    /// <summary>Sets the trim in dB (the target; ramped over the next block). Driver thread, between blocks.</summary>
    public void RtSetTrim(double decibels) => _trimDb = decibels;

    /// <summary>Inverts (true) or restores the polarity; the sign change is ramped through zero over the next block. Driver thread.</summary>
    public void RtSetPolarity(bool inverted) => _polarity = inverted;

    /// <summary>Sets the fader in dB (−∞ allowed). Driver thread, between blocks.</summary>
    public void RtSetFader(double decibels) => _faderDb = decibels;

    /// <summary>Sets the sum of the faders of every VCA the strip belongs to, in dB. Driver thread, between blocks.</summary>
    public void RtSetVcaOffset(double decibels) => _vcaDb = decibels;

    /// <summary>Sets the strip's own mute. Driver thread, between blocks.</summary>
    public void RtSetMute(bool muted) => _ownMute = muted;

    /// <summary>Sets whether a VCA the strip belongs to is muted. Driver thread, between blocks.</summary>
    public void RtSetVcaMute(bool muted) => _vcaMute = muted;

    /// <summary>Sets whether the strip is implicitly muted by another strip's solo. Driver thread, between blocks.</summary>
    public void RtSetSoloMute(bool muted) => _soloMute = muted;

    /// <summary>Holds the targets from now on without a ramp (values set while the transport is stopped apply from the first sample played). Driver thread, between blocks.</summary>
    public void RtSettle()
    {
        bool muted = Muted;
        _inputNow = muted ? 0.0 : InputGain;
        _outputNow = muted ? 0.0 : OutputGain;
        _ramping = false;
    }

    /// <summary>
    /// Starts a block of <paramref name="count"/> samples: when a target moved since the last block, fills the gain ramps
    /// from the held gains to the targets and holds the targets from then on. Driver thread, before any <see cref="RtProcess"/> of the block.
    /// </summary>
    public void RtBeginBlock(int count)
    {
        _faderApplied = false;
        bool muted = Muted;
        // The same gains as InputGain and OutputGain, the powers taken only when a value moved.
        double input = muted ? 0.0 : _inputGain.Of(InputDb) * InputSign;
        double output = muted ? 0.0 : _outputGain.Of(OutputDb);
        bool changed = input != _inputNow || output != _outputNow;
        if (_automated && !(muted && !changed))
        {
            RtBeginAutomatedBlock(input, output, changed, count);
            return;
        }
        _ramping = _inputRamping = changed;
        _outputPath = _outputRamp;
        if (!_ramping) return;
        RtFillRamp(_inputRamp, _inputNow, input, count);
        RtFillRamp(_outputRamp, _outputNow, output, count);
        _inputNow = input;
        _outputNow = output;
    }

    private void RtBeginAutomatedBlock(double input, double output, bool changed, int count)
    {
        // A constant times a lane's gains is one pass (the same products as filling the constant and multiplying); an
        // input side without lanes that holds stays a constant gain. The ramp buffers are touched only when a pass
        // writes them (their headers are lines of their own, which a block that applies its fader alone never needs).
        bool inputLanes = _inputLanes;
        int firstOutput = 0;
        _outputPath = _outputRamp;
        if (_faderCursor is { } cursor)
        {
            // The strip's fader lane alone at unity static output gain and curve-played: each channel is multiplied by the
            // cursor's gains directly (the same products); otherwise its buffer is filled now, as the other lanes were.
            _faderApplied = !changed && output == 1.0 && _outputLanes == 1 && !cursor.RtOverridden;
            if (!_faderApplied) _fader!.RtFill(_lanePosition, count);
        }
        if (changed)
        {
            RtFillRamp(_inputRamp, _inputNow, input, count);
            RtFillRamp(_outputRamp, _outputNow, output, count);
        }
        else
        {
            if (inputLanes) _inputRamp.AsSpan(0, count).Fill(input);
            // A fader lane applied straight from its cursor needs no output path. One lane times a unity constant is the
            // lane's own gains (x × 1 is x exactly): read them in place.
            if (_faderApplied) { }
            else if (_outputLanes == 1 && output == 1.0) _outputPath = _outputGains[0];
            else if (_outputLanes > 0) GainStage.RtScale(_outputGains[0].AsSpan(0, count), _outputRamp.AsSpan(0, count), output);
            else _outputRamp.AsSpan(0, count).Fill(output);
            firstOutput = 1;
        }
        if (_trimGains is not null) GainStage.RtScale(_inputRamp.AsSpan(0, count), _trimGains.AsSpan(0, count));
        if (inputLanes)
            foreach (var mute in _muteGains) GainStage.RtScale(_inputRamp.AsSpan(0, count), mute.AsSpan(0, count));
        for (int k = changed ? 0 : firstOutput; k < _outputLanes; k++) GainStage.RtScale(_outputRamp.AsSpan(0, count), _outputGains[k].AsSpan(0, count));
        _ramping = true;
        _inputRamping = changed || inputLanes;
        _inputNow = input;
        _outputNow = output;
    }

    /// <summary>
    /// Applies the stage to one channel: <paramref name="pre"/> *= input gain (the pre-fader tap), then
    /// <paramref name="post"/> = pre × output gain (in place when both are the same array). Rt; any render worker.
    /// </summary>
    public void RtProcess(double[] pre, double[] post, int count)
    {
        RtProcessInput(pre, count);
        RtProcessOutput(pre, post, count);
    }

    /// <summary>The input half of <see cref="RtProcess"/>: <paramref name="pre"/> *= trim × polarity (before a strip's processing). Rt; any render worker.</summary>
    public void RtProcessInput(double[] pre, int count)
    {
        if (_inputRamping) GainStage.RtScale(pre.AsSpan(0, count), _inputRamp.AsSpan(0, count));
        else GainStage.RtScale(pre.AsSpan(0, count), _inputNow);
    }

    /// <summary>The output half of <see cref="RtProcess"/>: <paramref name="post"/> = <paramref name="pre"/> × fader, VCA and mute (after the processing). Rt; any render worker.</summary>
    public void RtProcessOutput(double[] pre, double[] post, int count)
    {
        var preSpan = pre.AsSpan(0, count);
        if (_faderApplied)
        {
            _faderCursor!.RtApplyGain(_lanePosition, preSpan, post.AsSpan(0, count));
            return;
        }
        if (_ramping)
        {
            GainStage.RtScale(preSpan, post.AsSpan(0, count), _outputPath.AsSpan(0, count));
            return;
        }
        if (ReferenceEquals(pre, post)) GainStage.RtScale(preSpan, _outputNow);
        else GainStage.RtScale(preSpan, post.AsSpan(0, count), _outputNow);
    }

    private static void RtFillRamp(double[] ramp, double from, double to, int count)
    {
        double step = (to - from) / count;
        for (int i = 0; i < count - 1; i++) ramp[i] = from + step * (i + 1);
        ramp[count - 1] = to;
    }
}
