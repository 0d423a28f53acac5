using MixEngine.ControlPlane;

namespace MixEngine.Realtime;

/// <summary>
/// The transport state machine as the audio thread runs it: stopped, pre-rolling or playing; a playhead in samples from
/// the session start; an optional loop; a pre-roll. A device period is cut into segments so that no segment crosses the
/// loop end or the end of the pre-roll: the driver renders each segment at its timeline position, so a loop wraps
/// sample-exactly and the state turns from pre-rolling to playing exactly at the play position.
/// <para>Play with a pre-roll starts pre-roll samples before the playhead (not before 0); stop holds the playhead where
/// it is; locate moves it (while rolling, the next segment starts there; a locate during pre-roll makes the target the
/// new play position). A loop is entered only by reaching its end from inside it, so locating past the loop plays on.</para>
/// <para>Thread rules: every member runs on the audio thread (commands drained at the top of a period, segments while
/// rendering it); none allocates, locks or throws.</para>
/// </summary>
public sealed class Transport
{
    private long _playStart;
    private long _loopStart, _loopEnd;

    /// <summary>Stopped, pre-rolling or playing.</summary>
    public TransportState State { get; private set; }

    /// <summary>The playhead: the timeline position of the next sample to render.</summary>
    public long Position { get; private set; }

    /// <summary>Pre-roll in samples.</summary>
    public long PreRoll { get; private set; }

    /// <summary>True when a loop range is set.</summary>
    public bool Looping => _loopEnd > _loopStart;

    /// <summary>The loop range, or null.</summary>
    public LoopRange? Loop => Looping ? new LoopRange(_loopStart, _loopEnd) : null;

    /// <summary>True when the transport renders audio (pre-rolling or playing).</summary>
    public bool Rolling => State != TransportState.Stopped;

    /// <summary>Starts rolling from the playhead, first through the pre-roll when one is set; ignored while already rolling. Audio thread.</summary>
    public void RtPlay()
    {
        if (Rolling) return;
        _playStart = Position;
        long start = Math.Max(0, Position - PreRoll);
        State = start < _playStart ? TransportState.PreRolling : TransportState.Playing;
        Position = start;
    }

    /// <summary>Stops; the playhead holds. Audio thread.</summary>
    public void RtStop() => State = TransportState.Stopped;

    /// <summary>Moves the playhead to <paramref name="position"/> (negative clamps to 0). Audio thread.</summary>
    public void RtLocate(long position)
    {
        position = Math.Max(0, position);
        if (State == TransportState.PreRolling)
        {
            _playStart = position;
            Position = Math.Max(0, position - PreRoll);
            if (Position == _playStart) State = TransportState.Playing;
            return;
        }
        Position = position;
    }

    /// <summary>Sets the loop to [<paramref name="start"/>, <paramref name="end"/>); an empty or reversed range turns looping off. Audio thread.</summary>
    public void RtSetLoop(long start, long end)
    {
        if (start < 0 || end <= start) start = end = 0;
        _loopStart = start;
        _loopEnd = end;
    }

    /// <summary>Sets the pre-roll in samples (negative is taken as 0); used by the next play. Audio thread.</summary>
    public void RtSetPreRoll(long samples) => PreRoll = Math.Max(0, samples);

    /// <summary>
    /// Takes the next segment of at most <paramref name="frames"/> samples: returns its length and timeline start in
    /// <paramref name="position"/>, and advances the playhead (wrapping at the loop end, turning pre-roll into play at
    /// the play position). Returns 0 when stopped. Audio thread.
    /// </summary>
    public int RtNextSegment(int frames, out long position)
    {
        position = Position;
        if (!Rolling || frames <= 0) return 0;
        long n = frames;
        if (State == TransportState.PreRolling) n = Math.Min(n, _playStart - Position);
        bool insideLoop = Looping && Position >= _loopStart && Position < _loopEnd;
        if (insideLoop) n = Math.Min(n, _loopEnd - Position);
        Position += n;
        if (State == TransportState.PreRolling && Position >= _playStart) State = TransportState.Playing;
        if (insideLoop && Position == _loopEnd) Position = _loopStart;
        return (int)n;
    }
}
