using MixEngine.Automation;

namespace MixEngine.ControlPlane;

/// <summary>
/// Preview, Capture and Write-To in a live pass (automation.md 2.5 rules 10 and 11; docs/automation.md, Live passes):
/// commands any client sends through the facade; the audio thread applies each at a block boundary, so it is heard from
/// that block, and stamps it with the block's position for the live pass writer, in order with the moves. Preview on
/// applies before the touches and values sent in the same period (so they isolate); every other command after them (so a
/// punch or a capture takes the values sent with it). They act only where the engine writes live passes
/// (<see cref="LiveAutomation"/> attached); otherwise they change what is heard but nothing is written. Bad input throws
/// <see cref="ArgumentException"/> or <see cref="Session.ParameterAddressException"/> naming it, with nothing queued.
/// </summary>
public partial interface IMixControl
{
    /// <summary>
    /// Preview on: from now, touching or moving a control in Touch, Latch or TouchLatch (or a trim variant) that is not
    /// writing isolates it: it plays the value it is given instead of its lane, nothing is written, playing or stopped.
    /// Off: every isolated control plays its lane again, its preview value dropped unwritten. Any control thread.
    /// </summary>
    void SetPreview(ControlClientId client, bool on);

    /// <summary>Suspends (true: isolated controls play their lanes) or resumes (their preview values play again) the Preview audition. Any control thread.</summary>
    void SuspendPreview(ControlClientId client, bool suspended);

    /// <summary>True when the newest Preview request by any client turned Preview on (what a Preview key's LED shows). Any thread.</summary>
    bool PreviewOn { get; }

    /// <summary>True when the newest requests by any client leave the Preview audition suspended (Preview on and suspended). Any thread.</summary>
    bool PreviewSuspended { get; }

    /// <summary>
    /// Punch Preview: every isolated control becomes a Latch writer of its preview value (its strip, or the parameter
    /// when it has its own mode, switches to Latch): while rolling it writes from this block to the stop, while stopped it is
    /// primed and the next pass writes it from its start. Any control thread.
    /// </summary>
    void PunchPreview(ControlClientId client);

    /// <summary>Capture: stores the current value of every control that is writing and every isolated control (replacing the previous capture). Any control thread.</summary>
    void Capture(ControlClientId client);

    /// <summary>
    /// Punch Capture: writes the captured values of controls in Touch, TouchLatch, Latch and Write (with
    /// <paramref name="all"/>, Read too; Off never), only on <paramref name="strips"/> when given (<c>track/DX 1</c>,
    /// <c>bus/FX</c>); Touch and Read controls switch to Latch. While rolling writing starts at the captured value, while
    /// stopped the controls are primed. The capture stays stored. Unknown strip: <see cref="Session.ParameterAddressException"/>. Any control thread.
    /// </summary>
    void PunchCapture(ControlClientId client, bool all = false, IReadOnlyList<string>? strips = null);

    /// <summary>
    /// Write-To in the running pass: every writing control's current value spreads over the range <paramref name="target"/>
    /// picks (the selection [<paramref name="selectionStart"/>, <paramref name="selectionEnd"/>] when given, else the
    /// session); End, All and NextBreakpoint punch the controls out (Write ones keep writing). While controls are isolated
    /// in Preview, their preview values are written instead (playing or stopped) and their isolation ends. A selection
    /// whose end is before its start: <see cref="ArgumentException"/>. Any control thread.
    /// </summary>
    void WriteAutomationTo(ControlClientId client, WriteTarget target, long? selectionStart = null, long? selectionEnd = null);
}
