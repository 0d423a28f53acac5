using MixEngine.Session;

namespace MixEngine.Automation;

// VCA masters and their members (automation.md 2.5 rule 12): a member's lane stores the member's own values, without
// the masters (inverse-master values); moves of a member's composite level are converted on the way in, and a VCA's
// automation can be coalesced into its members.
public sealed partial class AutomationRecorder
{
    /// <summary>
    /// Takes a move of a VCA member's fader whose value is the member's composite level (its own fader plus every VCA
    /// master it belongs to, as a surface showing the composite level sends it): the masters' dB at the move's position
    /// (as written so far in this pass, else as their lanes or static values play) are factored out and the member's own
    /// value goes on as an ordinary move, so the lane stores the inverse-master value. Touches, releases and trim
    /// offsets pass unchanged. A move of anything but a track or bus fader, or while a master is at −∞ dB (the own value
    /// is then undefined), is refused and reported. Control thread.
    /// </summary>
    public void OnCompositeMove(in ControlMove move)
    {
        if (move.Kind != ControlMoveKind.Value)
        {
            OnControlMove(move);
            return;
        }
        string address = move.Address.ToString();
        ParameterSetting setting;
        try
        {
            setting = _catalog.Find(address);
        }
        catch (ParameterAddressException e)
        {
            NotWritten($"refused: {e.Message}");
            return;
        }
        var a = setting.Descriptor.Address;
        if (a.Parameter != "fader" || a.Scope == ParameterScope.Vca)
        {
            NotWritten($"refused: a composite value of '{a}' at sample {move.Position}; composite levels exist only for track and bus faders");
            return;
        }
        if (Automation.ModeOf(a.ToString()).Trim && setting.Descriptor.Trimmable)
        {
            OnControlMove(move);
            return;
        }
        double masters = MastersDb(a, move.Position);
        if (double.IsNegativeInfinity(masters))
        {
            NotWritten($"refused: a composite value of '{a}' at sample {move.Position} while one of its VCA masters is at -inf dB; its own value is undefined there");
            return;
        }
        OnControlMove(move with { Value = move.Value - masters });
    }

    /// <summary>
    /// Coalesce VCA master automation (<see cref="VcaCoalescing"/>): folds VCA <paramref name="vca"/>'s fader and mute
    /// lanes into its members as one undo step and returns the member lanes changed. Not while a pass runs.
    /// </summary>
    public IReadOnlyList<string> CoalesceVca(string vca)
    {
        if (PassRunning) throw new InvalidOperationException($"cannot coalesce VCA '{vca}' while a pass runs (started at sample {_start}); end the pass first");
        var (after, changed) = VcaCoalescing.Coalesce(Automation, _session, vca);
        Commit(Automation, after, $"coalesce VCA {vca}");
        return changed;
    }

    /// <summary>The sum in dB of the faders of every VCA <paramref name="member"/> belongs to, at <paramref name="position"/>.</summary>
    private double MastersDb(ParameterAddress member, long position)
    {
        string? id = member.Scope == ParameterScope.Track ? _session.Tracks.FirstOrDefault(t => t.Name == member.Target)?.Id
            : _session.Buses.FirstOrDefault(b => b.Name == member.Target)?.Id;
        double sum = 0.0;
        foreach (var vca in _session.Vcas.Where(v => id is not null && v.Members.Contains(id)))
        {
            string address = $"vca/{vca.Name}/fader";
            var lane = Automation.Lane(address);
            var d = _catalog.Find(address).Descriptor;
            double main = lane is not null && lane.Plays(Automation.ModeOf(address)) ? lane.Curve.ValueAt(position, vca.FaderDb) : vca.FaderDb;
            double trim = lane is not null && lane.Plays(Automation.ModeOf(address)) ? lane.Trim.ValueAt(position, 0.0) : 0.0;
            if (_passes.TryGetValue(address, out var pass) && pass.Wrote)
            {
                if (pass.TrimWrite) trim = pass.PlayedAt(position);
                else main = pass.PlayedAt(position);
            }
            sum += Math.Clamp(main + trim, d.Minimum, d.Maximum);
        }
        return sum;
    }
}
