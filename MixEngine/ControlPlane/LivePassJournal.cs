using MixEngine.Automation;

namespace MixEngine.ControlPlane;

/// <summary>
/// The journal of the live passes of a served session (<see cref="PassJournal"/> at <c>SESSION.journal</c>) that starts
/// afresh once the session is saved, so it holds only what the file does not. Control side, one thread at a time
/// (the recorder's).
/// </summary>
internal sealed class LivePassJournal(string path) : IPassJournal, IDisposable
{
    private PassJournal _current = new(path);

    /// <summary>The journal file.</summary>
    public string Path => _current.Path;

    /// <summary>Deletes what is journaled (the session file now holds it) and starts an empty journal.</summary>
    public void Restart()
    {
        _current.Dispose();
        File.Delete(_current.Path);
        _current = new PassJournal(_current.Path);
    }

    /// <summary>Closes the journal and deletes it (the session file holds everything).</summary>
    public void DisposeAndDelete()
    {
        _current.Dispose();
        File.Delete(_current.Path);
    }

    /// <inheritdoc/>
    public void Mode(string targetOrAddress, AutomationModeSetting? mode) => _current.Mode(targetOrAddress, mode);

    /// <inheritdoc/>
    public void Begin(long position) => _current.Begin(position);

    /// <inheritdoc/>
    public void Move(in ControlMove move) => _current.Move(move);

    /// <inheritdoc/>
    public void Jump(long from, long to) => _current.Jump(from, to);

    /// <inheritdoc/>
    public void WriteTo(WriteTarget target, long position, long? selectionStart, long? selectionEnd) => _current.WriteTo(target, position, selectionStart, selectionEnd);

    /// <inheritdoc/>
    public void PreviewCapture(PreviewCaptureAction action, long position, bool flag, IReadOnlyList<string>? targets) =>
        _current.PreviewCapture(action, position, flag, targets);

    /// <inheritdoc/>
    public void End(long position) => _current.End(position);

    /// <summary>Flushes and closes the journal, leaving the file (what it holds is not saved).</summary>
    public void Dispose() => _current.Dispose();
}
