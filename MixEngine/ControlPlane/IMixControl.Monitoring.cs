namespace MixEngine.ControlPlane;

/// <summary>
/// The monitor section: a separate monitor path (device ports "monitor:…", printmaster layout) that plays a selected source,
/// or the strips soloed in AFL/PFL mode, with dim and mono check. Nothing here alters the buses or the prints, except solo in
/// place, which is the mix's own solo. Every change is published to feedback subscribers (<see cref="IFeedbackSubscriber.OnMonitor"/>).
/// </summary>
public partial interface IMixControl
{
    /// <summary>The monitor section's current settings; any control thread.</summary>
    MonitorState Monitor { get; }

    /// <summary>
    /// Chooses what <see cref="SetSolo"/> does. Leaving AFL/PFL for solo in place clears the listened strips (they never become
    /// mix solos); mix solos set in place stay until unsoloed. Any control thread.
    /// </summary>
    void SetSoloMode(ControlClientId client, SoloMode mode);

    /// <summary>
    /// Selects the bus the monitor plays (id or name: the printmaster, any stem or bus); null selects the printmaster. Throws
    /// <see cref="ArgumentException"/> naming an unknown bus and the session's buses. Any control thread.
    /// </summary>
    void SetMonitorSource(ControlClientId client, string? bus);

    /// <summary>Dims the monitor by the dim level, or restores it; any control thread.</summary>
    void SetDim(ControlClientId client, bool dimmed);

    /// <summary>Sets the dim level in dB (−80 … 0, default −20); throws <see cref="ArgumentOutOfRangeException"/> outside. Any control thread.</summary>
    void SetDimLevel(ControlClientId client, double decibels);

    /// <summary>Folds the monitor's full-range channels to mono (each carries their mean; LFE unchanged), or back; any control thread.</summary>
    void SetMonoCheck(ControlClientId client, bool mono);
}
