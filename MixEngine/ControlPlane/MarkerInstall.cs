namespace MixEngine.ControlPlane;

/// <summary>What <see cref="MixControl.ApplySession"/> does with the markers of the session it installs.</summary>
public enum MarkerInstall
{
    /// <summary>The installed session's markers replace the current ones; when they differ, the marker undo history is cleared (its steps no longer lead there).</summary>
    Replace,

    /// <summary>The current markers stay (a structural edit or its undo, which must not take back marker edits made since).</summary>
    KeepCurrent,

    /// <summary>The installed session's markers replace the current ones and the marker undo history starts anew (a session load).</summary>
    Load,
}
