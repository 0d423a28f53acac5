namespace MixEngine.ControlPlane;

/// <summary>
/// The record arms (<see cref="IMixControl.RecordArm"/>): the printed buses armed for the next record-print take. Published to
/// every feedback subscriber when it changes. Immutable; any thread.
/// </summary>
/// <param name="Armed">Armed strips as strip addresses (<c>bus/DX</c>), in session order.</param>
/// <param name="Armable">Every strip that can be armed (each bus the session prints), in session order.</param>
/// <param name="ChangedBy">The client that made the newest change (<see cref="ControlClientId.None"/> before any).</param>
/// <param name="Version">Increases with every change.</param>
public sealed record RecordArmState(IReadOnlyList<string> Armed, IReadOnlyList<string> Armable, ControlClientId ChangedBy, long Version)
{
    /// <summary>True when <paramref name="strip"/> (a strip address such as <c>bus/DX</c>) is armed; any thread.</summary>
    public bool IsArmed(string strip) => Armed.Contains(strip, StringComparer.Ordinal);
}
