using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// A VCA master in a plan: its fader and mute as live parameters; a change sets, on every member strip, the sum of the
/// faders of all VCAs that strip belongs to (in session order, from 0 dB) and whether any of them is muted. Built on the
/// control side; set on the driver thread between blocks without allocating.
/// </summary>
public sealed class VcaMaster
{
    private double _faderDb;
    private bool _mute;
    private bool _faderAutomated, _muteAutomated;
    private (StripGainStage Stage, VcaMaster[] Vcas)[] _members = [];

    private VcaMaster(double faderDb, bool mute)
    {
        _faderDb = faderDb;
        _mute = mute;
        Fader = new RtAction(v =>
        {
            _faderDb = v;
            RtApply();
        });
        Mute = new RtAction(v =>
        {
            _mute = v >= 0.5;
            RtApply();
        });
    }

    /// <summary>The live fader in dB.</summary>
    public IRtParameter Fader { get; }

    /// <summary>The live mute (≥ 0.5 = muted).</summary>
    public IRtParameter Mute { get; }

    /// <summary>The member strips' gain stages.</summary>
    internal IEnumerable<StripGainStage> MemberStages => _members.Select(m => m.Stage);

    /// <summary>
    /// Marks the fader and/or mute as driven by automation lanes (their static values then no longer count on the members;
    /// the lanes' per-sample gains are attached to the members by the plan's automation); control side, while the plan is built.
    /// </summary>
    internal void Automate(bool fader, bool mute)
    {
        _faderAutomated |= fader;
        _muteAutomated |= mute;
        RtApply();
    }

    /// <summary>One master per VCA of <paramref name="session"/>, wired to the member stages; control side.</summary>
    public static IEnumerable<(Vca Vca, VcaMaster Master)> For(MixSession session, Dictionary<string, StripGainStage> stages)
    {
        var masters = session.Vcas.Select(v => new VcaMaster(v.FaderDb, v.Mute)).ToArray();
        var vcasOf = new Dictionary<string, List<VcaMaster>>();
        for (int i = 0; i < masters.Length; i++)
            foreach (var member in session.Vcas[i].Members)
            {
                if (!vcasOf.TryGetValue(member, out var list)) vcasOf[member] = list = new List<VcaMaster>();
                list.Add(masters[i]);
            }
        for (int i = 0; i < masters.Length; i++)
            masters[i]._members = session.Vcas[i].Members.Where(stages.ContainsKey)
                .Select(m => (stages[m], vcasOf[m].ToArray())).ToArray();
        return session.Vcas.Zip(masters);
    }

    private void RtApply()
    {
        foreach (var (stage, vcas) in _members)
        {
            double db = 0.0;
            bool muted = false;
            foreach (var v in vcas)
            {
                if (!v._faderAutomated) db += v._faderDb;
                muted |= v._mute && !v._muteAutomated;
            }
            stage.RtSetVcaOffset(db);
            stage.RtSetVcaMute(muted);
        }
    }
}
