namespace MixEngine.Automation;

/// <summary>What a track in Write mode becomes after a Write pass (automation.md 2.5 rule 6).</summary>
public enum AfterWritePass
{
    /// <summary>Switch to Touch (the default, as Pro Tools and Ardour).</summary>
    Touch,

    /// <summary>Switch to Latch.</summary>
    Latch,

    /// <summary>Stay in Write.</summary>
    NoChange,
}

/// <summary>When a trim curve is folded into its main curve (automation.md 2.5 rule 12).</summary>
public enum TrimCoalesce
{
    /// <summary>After every pass that wrote trim.</summary>
    AfterEveryPass,

    /// <summary>When the parameter leaves its trim mode.</summary>
    OnExitTrim,

    /// <summary>Only on request.</summary>
    Manual,
}

/// <summary>
/// The session's automation preferences. Immutable; any thread.
/// </summary>
/// <param name="AutoMatchMs">Glide back to the underlying curve after a Touch release, in milliseconds (default 250).</param>
/// <param name="TouchTimeoutMs">For controls that send values but no touch: release this long after the last value (default 2000).</param>
/// <param name="AfterWrite">Mode a Write track switches to after a pass.</param>
/// <param name="Coalesce">When trim curves are folded into the main curves.</param>
/// <param name="AutoJoin">Latch writing resumes where the previous pass stopped.</param>
/// <param name="ThinningDb">Thinning tolerance for dB parameters: a written point is dropped when the curve without it stays within this many dB.</param>
/// <param name="ThinningFraction">Thinning tolerance for other continuous parameters, as a fraction of the parameter's range.</param>
public sealed record AutomationSettings(
    double AutoMatchMs = 250,
    double TouchTimeoutMs = 2000,
    AfterWritePass AfterWrite = AfterWritePass.Touch,
    TrimCoalesce Coalesce = TrimCoalesce.AfterEveryPass,
    bool AutoJoin = false,
    double ThinningDb = 0.01,
    double ThinningFraction = 0.0005)
{
    /// <summary>The defaults listed above.</summary>
    public static readonly AutomationSettings Default = new();

    /// <summary>Samples from punch-in or punch-out to the guard point that joins a written stretch to the old curve (as Ardour's GUARD_POINT_DELTA).</summary>
    public const long GuardSamples = 64;

    /// <summary>The AutoMatch time in samples at <paramref name="sampleRate"/>.</summary>
    public long AutoMatchSamples(int sampleRate) => (long)Math.Round(AutoMatchMs * sampleRate / 1000.0);

    /// <summary>The touch timeout in samples at <paramref name="sampleRate"/>.</summary>
    public long TouchTimeoutSamples(int sampleRate) => (long)Math.Round(TouchTimeoutMs * sampleRate / 1000.0);
}
