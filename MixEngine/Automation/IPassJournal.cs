namespace MixEngine.Automation;

/// <summary>
/// Receives every event of a pass as the recorder takes it, so a pass in progress can be kept on disk and replayed after
/// a crash (<see cref="PassJournal"/>). Called on the recorder's control thread.
/// </summary>
public interface IPassJournal
{
    /// <summary>A mode was set (null clears it) on a strip target or a parameter address.</summary>
    void Mode(string targetOrAddress, AutomationModeSetting? mode);

    /// <summary>A pass started at <paramref name="position"/>.</summary>
    void Begin(long position);

    /// <summary>A control move (also moves while stopped, which prime Latch controls).</summary>
    void Move(in ControlMove move);

    /// <summary>The transport jumped (loop wrap).</summary>
    void Jump(long from, long to);

    /// <summary>A Write-To command.</summary>
    void WriteTo(WriteTarget target, long position, long? selectionStart, long? selectionEnd);

    /// <summary>A Preview or Capture command; <paramref name="flag"/> is on/off (Preview, Suspend) or "all" (Punch Capture); <paramref name="targets"/> the strips a Punch Capture is limited to.</summary>
    void PreviewCapture(PreviewCaptureAction action, long position, bool flag, IReadOnlyList<string>? targets);

    /// <summary>The pass ended at <paramref name="position"/>.</summary>
    void End(long position);
}
