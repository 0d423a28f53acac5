using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The one entry every control adapter (CLI, gRPC, OSC, MIDI surfaces, automation) uses to drive the mixer
/// (ARCHITECTURE.md, "The picture"): set and read parameters by address, touch, mute/solo, transport, and subscribe to
/// what changed. An implementation validates on the calling thread, coalesces by parameter and forwards commands
/// through a preallocated lock-free ring to the audio thread; state comes back through lock-free snapshots.
/// <para>Thread rules: every member may be called from any control thread, concurrently; none may be called from
/// the audio thread. Calls never block on the audio thread and never wait for a block to be rendered: a set returns
/// once the command is queued, and a read returns the newest value requested by any client (what the audio thread
/// is ramping towards). Bad input throws <see cref="ParameterAddressException"/> (unknown address, naming the known
/// ones) or <see cref="ArgumentException"/> (a value that is NaN or of the wrong kind), with nothing applied.</para>
/// <para>Every change made by any client is published to every <see cref="Feedback"/> subscriber, tagged with the
/// client that made it, so surfaces can suppress their own echo.</para>
/// </summary>
public partial interface IMixControl
{
    /// <summary>Every controllable parameter of the current session (tracks, buses, VCAs), in catalog order; any control thread.</summary>
    IReadOnlyList<ParameterDescriptor> Descriptors { get; }

    /// <summary>Where change events, transport and meters are published; any control thread.</summary>
    IFeedbackHub Feedback { get; }

    /// <summary>Registers a client (a surface, a gRPC peer, the CLI) and returns its id for touches and echo suppression; any control thread.</summary>
    ControlClientId RegisterClient(string name);

    /// <summary>Forgets a client: releases every touch it still holds; any control thread.</summary>
    void UnregisterClient(ControlClientId client);

    /// <summary>
    /// Resolves an address (name or id form, e.g. <c>track/DX 1/fader</c>, <c>track#dx1/send#verb/level</c>) to a handle that
    /// makes later calls allocation-free; throws <see cref="ParameterAddressException"/> naming the address. Any control thread.
    /// </summary>
    ParameterHandle Resolve(string address);

    /// <summary>
    /// Sets a parameter: <paramref name="value"/> is read per <paramref name="mode"/> (natural unit, normalized 0..1 through
    /// the descriptor's taper, or an offset added to the current value), clamped to the descriptor's range and queued for the
    /// audio thread; returns the resulting value in the natural unit. Any control thread.
    /// </summary>
    double SetParameter(ControlClientId client, ParameterHandle parameter, double value, ValueMode mode = ValueMode.Absolute);

    /// <summary>Resolves <paramref name="address"/> and sets it as <see cref="SetParameter(ControlClientId, ParameterHandle, double, ValueMode)"/> does; any control thread.</summary>
    double SetParameter(ControlClientId client, string address, double value, ValueMode mode = ValueMode.Absolute);

    /// <summary>The parameter's current value in its natural unit (the newest value set by any client); any control thread.</summary>
    double GetParameter(ParameterHandle parameter);

    /// <summary>The parameter's current value as a 0..1 control position through its descriptor's taper; any control thread.</summary>
    double GetNormalized(ParameterHandle parameter);

    /// <summary>
    /// Marks that <paramref name="client"/> holds the control (a fader touched, a knob grabbed): automation in Touch/Latch
    /// writes while touched, and other clients see the touch; idempotent. Any control thread.
    /// </summary>
    void BeginTouch(ControlClientId client, ParameterHandle parameter);

    /// <summary>Releases a touch begun by <paramref name="client"/>; releasing an untouched control does nothing. Any control thread.</summary>
    void EndTouch(ControlClientId client, ParameterHandle parameter);

    /// <summary>Mutes or unmutes a strip or VCA (<c>track/DX 1</c>, <c>bus/FX</c>, <c>vca/Dialog</c>); any control thread.</summary>
    void SetMute(ControlClientId client, string strip, bool muted);

    /// <summary>
    /// Solos or unsolos a track or bus strip under the current <see cref="SoloMode"/>: in place it sets the strip's <c>solo</c>
    /// parameter (the mix's solo); in AFL/PFL it adds the strip to or removes it from the monitor's listen set
    /// (<see cref="MonitorState.Listening"/>), leaving the mix alone. Any control thread.
    /// </summary>
    void SetSolo(ControlClientId client, string strip, bool soloed);

    /// <summary>Makes a track or bus immune to implicit solo muting (solo safe); any control thread.</summary>
    void SetSoloSafe(ControlClientId client, string strip, bool safe);

    /// <summary>The newest transport state published by the audio thread (position, state, loop, timecode); any control thread.</summary>
    TransportSnapshot Transport { get; }

    /// <summary>Starts playback from the current position (after the pre-roll, when one is set); any control thread.</summary>
    void Play(ControlClientId client);

    /// <summary>Stops playback and holds the position; any control thread.</summary>
    void Stop(ControlClientId client);

    /// <summary>Moves the playhead to <paramref name="position"/> samples from the session start (playing continues from there); any control thread.</summary>
    void Locate(ControlClientId client, long position);

    /// <summary>Moves the playhead to a timecode label at the session's rate; throws <see cref="ArgumentException"/> when it lies before the session start. Any control thread.</summary>
    void Locate(ControlClientId client, Timecode timecode);

    /// <summary>Sets the loop range (null turns looping off); playback wraps from its end to its start sample-exactly. Any control thread.</summary>
    void SetLoop(ControlClientId client, LoopRange? loop);

    /// <summary>Restarts the printmaster's integrated loudness (<see cref="IMeterReadings.IntegratedLufs"/>) at the next block; any control thread.</summary>
    void ResetLoudness(ControlClientId client);

    /// <summary>Sets the pre-roll in samples played before the play position when <see cref="Play"/> starts (0 = none); any control thread.</summary>
    void SetPreRoll(ControlClientId client, long samples);
}
