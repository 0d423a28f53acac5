using MixEngine.Automation;
using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The live level and mute of one aux send (<c>track/DX 1/send/Reverb/level</c>, <c>…/mute</c>): the gain its
/// contribution (<see cref="PanRamp"/>) multiplies into the send's panned or converted gains. Setting a value stores it
/// and bumps <see cref="Version"/>; the contribution notices at its next block start and glides its gains to the new
/// level over its ramp (10 ms, linear in amplitude), as a pan change does, so a send move never clicks.
/// <para>Automation: a level or mute lane attached while the plan is built (<see cref="Follow"/>) is read by the
/// contribution at the update points, the multiples of <see cref="AutomationPlayback.PointInterval"/>
/// (<see cref="RtGainAt"/>), and its gains move in a straight line between them, inside the same gain ramp as the pan:
/// no block is cut and a step in the lane becomes a straight line over one interval (no click).</para>
/// <para>Thread rules: construction and <see cref="Follow"/> are control side; <c>RtSet*</c> run on the driver thread
/// between blocks; <see cref="Gain"/>, <see cref="Version"/> and <see cref="RtGainAt"/> are read by the worker that runs
/// the source strip, after the driver's block start. Nothing allocates, locks or throws; a NaN value is ignored.</para>
/// </summary>
public sealed class SendLevel
{
    private double _levelDb;
    private bool _mute;
    private RtLaneCursor? _levelLane, _muteLane;

    /// <summary>Creates the send at its session level (dB, −∞ … +12) and mute; control side.</summary>
    public SendLevel(double levelDb, bool mute)
    {
        _levelDb = Math.Min(levelDb, MaxDb);
        _mute = mute;
    }

    /// <summary>Highest send level in dB (the session's level range).</summary>
    public const double MaxDb = 12;

    /// <summary>Counts changes of the static level or mute; a contribution recomputes its gains when it differs from the count it last saw.</summary>
    public int Version { get; private set; }

    /// <summary>The static linear gain: 0 when muted, else 10^(level/20).</summary>
    public double Gain => _mute ? 0.0 : Decibels.ToGain(_levelDb);

    /// <summary>True when a level or mute lane is followed (<see cref="Follow"/>).</summary>
    public bool Follows => _levelLane is not null || _muteLane is not null;

    /// <summary>
    /// Makes the send's <paramref name="parameter"/> (<c>level</c> or <c>mute</c>) follow <paramref name="lane"/>; false for
    /// any other parameter. Control side, while the plan is built.
    /// </summary>
    public bool Follow(string parameter, RtLaneCursor lane)
    {
        if (parameter == "level") _levelLane = lane;
        else if (parameter == "mute") _muteLane = lane;
        else return false;
        return true;
    }

    /// <summary>
    /// The send's linear gain at update point <paramref name="position"/>: a level lane's value (its main curve replaces the
    /// static level; a trim-only lane adds to it), a mute lane's state (≥ 0.5 mutes), else the static values. Worker of the
    /// source strip, at positions that move forward.
    /// </summary>
    public double RtGainAt(long position)
    {
        bool muted = _muteLane is { } m ? m.RtValueAt(position) >= 0.5 : _mute;
        if (muted) return 0.0;
        if (_levelLane is not { } lane) return Decibels.ToGain(_levelDb);
        double db = lane.HasMain ? lane.RtValueAt(position) : _levelDb + lane.RtValueAt(position);
        return double.IsNaN(db) ? Decibels.ToGain(_levelDb) : Decibels.ToGain(Math.Min(db, MaxDb));
    }

    /// <summary>Sets the level in dB (−∞ allowed, clamped to +12). Driver thread, between blocks.</summary>
    public void RtSetLevel(double decibels)
    {
        if (double.IsNaN(decibels)) return;
        double level = Math.Min(decibels, MaxDb);
        if (level == _levelDb) return;
        _levelDb = level;
        Version++;
    }

    /// <summary>Mutes (value ≥ 0.5) or unmutes the send. Driver thread, between blocks.</summary>
    public void RtSetMute(double on)
    {
        if (double.IsNaN(on)) return;
        bool mute = on >= 0.5;
        if (mute == _mute) return;
        _mute = mute;
        Version++;
    }
}
