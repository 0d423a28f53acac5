namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    private LiveAutomation? _livePasses;

    /// <inheritdoc/>
    public bool UndoAutomationPass(ControlClientId client)
    {
        _clients.Check(client);
        return Volatile.Read(ref _livePasses)?.Undo() ?? false;
    }

    /// <inheritdoc/>
    public bool RedoAutomationPass(ControlClientId client)
    {
        _clients.Check(client);
        return Volatile.Read(ref _livePasses)?.Redo() ?? false;
    }

    /// <summary>Makes <paramref name="live"/> the writer whose passes <see cref="UndoAutomationPass"/> takes back; it detaches itself when disposed. Control side.</summary>
    internal void AttachLivePasses(LiveAutomation live) => Volatile.Write(ref _livePasses, live);

    /// <summary>Forgets <paramref name="live"/> when it is the attached writer. Control side.</summary>
    internal void DetachLivePasses(LiveAutomation live) => Interlocked.CompareExchange(ref _livePasses, null, live);
}
