using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Solo in place for a plan: the solo and solo-safe switch of every track and bus, and which buses each track's main
/// output chain reaches. Any switch change recomputes every track's implicit solo mute (a track is audible when nothing
/// is soloed, or it is soloed, solo-safe, or its main output chain reaches a soloed bus; buses are never implicitly
/// muted). Built on the control side; switches are set on the driver thread between blocks without allocating.
/// </summary>
public sealed class SoloBoard
{
    private readonly bool[] _solo;
    private readonly bool[] _safe;
    private readonly int[][] _reaches;
    private readonly IRtParameter[] _soloParameters;
    private readonly IRtParameter[] _safeParameters;
    private StripGainStage[] _tracks = [];

    private SoloBoard(bool[] solo, bool[] safe, int[][] reaches)
    {
        _solo = solo;
        _safe = safe;
        _reaches = reaches;
        _soloParameters = new IRtParameter[solo.Length];
        _safeParameters = new IRtParameter[solo.Length];
        for (int i = 0; i < solo.Length; i++)
        {
            int strip = i;
            _soloParameters[i] = new RtAction(v => RtSetSolo(strip, v >= 0.5));
            _safeParameters[i] = new RtAction(v => RtSetSoloSafe(strip, v >= 0.5));
        }
    }

    /// <summary>Reads the switches and output chains of <paramref name="session"/> (strips numbered tracks first, then buses); control side.</summary>
    public static SoloBoard For(MixSession session)
    {
        int tracks = session.Tracks.Count;
        var strips = session.Tracks.Select(t => t.Strip).Concat(session.Buses.Select(b => b.Strip)).ToArray();
        var busIndex = new Dictionary<string, int>();
        for (int i = 0; i < session.Buses.Count; i++) busIndex.TryAdd(session.Buses[i].Id, i);
        var reaches = new int[tracks][];
        for (int i = 0; i < tracks; i++)
        {
            var chain = new List<int>();
            string? busId = session.Tracks[i].Output;
            while (busId is not null && busIndex.TryGetValue(busId, out int b) && !chain.Contains(tracks + b) && chain.Count <= busIndex.Count)
            {
                chain.Add(tracks + b);
                busId = session.Buses[b].Output;
            }
            reaches[i] = chain.ToArray();
        }
        return new SoloBoard(strips.Select(s => s.Solo).ToArray(), strips.Select(s => s.SoloSafe).ToArray(), reaches);
    }

    /// <summary>True when track <paramref name="track"/> is implicitly muted by the current switches; any thread.</summary>
    public bool IsSoloMuted(int track)
    {
        bool anySolo = Array.IndexOf(_solo, true) >= 0;
        if (!anySolo || _solo[track] || _safe[track]) return false;
        foreach (int b in _reaches[track])
            if (_solo[b]) return false;
        return true;
    }

    /// <summary>The live solo switch of strip <paramref name="strip"/> (tracks first, then buses).</summary>
    public IRtParameter SoloOf(int strip) => _soloParameters[strip];

    /// <summary>The live solo-safe switch of strip <paramref name="strip"/> (tracks first, then buses).</summary>
    public IRtParameter SoloSafeOf(int strip) => _safeParameters[strip];

    /// <summary>Gives the board the track gain stages it mutes (session order); control side, once, while the plan is built.</summary>
    public void Attach(StripGainStage[] tracks) => _tracks = tracks;

    private void RtSetSolo(int strip, bool on)
    {
        _solo[strip] = on;
        RtApply();
    }

    private void RtSetSoloSafe(int strip, bool on)
    {
        _safe[strip] = on;
        RtApply();
    }

    private void RtApply()
    {
        for (int t = 0; t < _tracks.Length; t++) _tracks[t].RtSetSoloMute(IsSoloMuted(t));
    }
}
