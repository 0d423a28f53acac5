using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>Live passes: the recorder follows the running session between passes.</summary>
public sealed partial class AutomationRecorder
{
    /// <summary>
    /// Takes the running session before a live pass: its parameter values (the live values, which a control without a
    /// lane plays and a Touch release glides back to) and its automation (modes set by clients, lanes edited since), keeping
    /// the undo history, Latch primes and AutoJoin points. Every strip and parameter mode that differs from the recorder's
    /// is journaled first, so a replay of the journal writes with the modes the pass had. Refused with
    /// <see cref="InvalidOperationException"/> while a pass runs. Control side.
    /// </summary>
    public void Rebase(MixSession session)
    {
        if (PassRunning) throw new InvalidOperationException($"a pass is running (started at sample {_start}); the session can change only between passes");
        var before = Automation;
        var after = session.Automation;
        foreach (var (target, mode) in after.Modes)
            if (!before.Modes.TryGetValue(target, out var old) || old != mode) Journal?.Mode(target, mode);
        foreach (string target in before.Modes.Keys)
            if (!after.Modes.ContainsKey(target)) Journal?.Mode(target, null);
        foreach (var lane in after.Lanes)
            if (before.Lane(lane.Address)?.Mode != lane.Mode) Journal?.Mode(lane.Address, lane.Mode);
        foreach (var lane in before.Lanes)
            if (lane.Mode is not null && after.Lane(lane.Address) is null) Journal?.Mode(lane.Address, null);
        _session = session;
        _catalog = ParameterCatalog.For(session);
        Automation = after;
    }
}
