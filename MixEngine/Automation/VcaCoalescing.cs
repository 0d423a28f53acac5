using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>
/// Coalesce VCA master automation (automation.md 2.5 rule 12, after Pro Tools' command of that name): folds a VCA's
/// fader lane into the fader lane of every member (member + master in dB, as <see cref="TrimCoalescing"/> folds trim)
/// and its mute lane into every member's mute lane (muted when either is), then leaves the VCA's lanes flat at 0 dB and
/// unmuted, so the mix sounds the same and the members carry the moves on their own. The members' own trim curves stay.
/// Exact for linear and step segments; a member value above its fader's maximum is clamped (the one case where the
/// coalesced mix differs). Pure; control side.
/// </summary>
public static class VcaCoalescing
{
    /// <summary>
    /// Returns <paramref name="automation"/> with VCA <paramref name="vcaName"/>'s lanes folded into its members, and the
    /// member addresses changed. Throws <see cref="ArgumentException"/> naming an unknown VCA (and the VCAs there are).
    /// </summary>
    public static (SessionAutomation Automation, IReadOnlyList<string> Changed) Coalesce(SessionAutomation automation, MixSession session, string vcaName)
    {
        var vca = session.Vcas.FirstOrDefault(v => v.Name == vcaName)
            ?? throw new ArgumentException($"no VCA '{vcaName}'; VCAs: {(session.Vcas.Count == 0 ? "none" : string.Join(", ", session.Vcas.Select(v => v.Name)))}", nameof(vcaName));
        var catalog = ParameterCatalog.For(session);
        var members = vca.Members.Select(id => session.Tracks.FirstOrDefault(t => t.Id == id) is { } t ? "track/" + t.Name
            : session.Buses.FirstOrDefault(b => b.Id == id) is { } b ? "bus/" + b.Name : null).OfType<string>().ToArray();
        var changed = new List<string>();
        var a = automation;
        if (PlayedLane(a, $"vca/{vca.Name}/fader") is { } fader)
        {
            var vcaSetting = catalog.Find(fader.Address);
            var master = TrimCoalescing.Coalesce(fader, vcaSetting.Value, vcaSetting.Descriptor.Minimum, vcaSetting.Descriptor.Maximum).Curve;
            foreach (var member in members)
            {
                string address = member + "/fader";
                var setting = catalog.Find(address);
                var lane = a.Lane(address) ?? new AutomationLane(address, AutomationCurve.Empty, AutomationCurve.Empty);
                var folded = TrimCoalescing.Coalesce(lane with { Trim = master }, setting.Value, setting.Descriptor.Minimum, setting.Descriptor.Maximum);
                a = a.WithLane(lane with { Curve = folded.Curve });
                changed.Add(address);
            }
            a = a.WithLane(fader with { Curve = new AutomationCurve([new AutomationPoint(0, 0.0)]), Trim = AutomationCurve.Empty });
        }
        if (PlayedLane(a, $"vca/{vca.Name}/mute") is { } mute)
        {
            foreach (var member in members)
            {
                string address = member + "/mute";
                double own = catalog.Find(address).Value;
                var lane = a.Lane(address) ?? new AutomationLane(address, AutomationCurve.Empty, AutomationCurve.Empty);
                var positions = lane.Curve.Points.Concat(mute.Curve.Points).Select(p => p.Position).Distinct().Order();
                var points = positions.Select(p => new AutomationPoint(p, Math.Max(lane.Curve.ValueAt(p, own), mute.Curve.ValueAt(p, vca.Mute ? 1 : 0)), SegmentShape.Step));
                a = a.WithLane(lane with { Curve = new AutomationCurve(points) });
                changed.Add(address);
            }
            a = a.WithLane(mute with { Curve = new AutomationCurve([new AutomationPoint(0, 0.0, SegmentShape.Step)]) });
        }
        return (a, changed);
    }

    private static AutomationLane? PlayedLane(SessionAutomation a, string address) =>
        a.Lane(address) is { } lane && lane.Plays(a.ModeOf(address)) ? lane : null;
}
