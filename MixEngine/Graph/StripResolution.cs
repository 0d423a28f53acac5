using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Resolves every track and bus strip of a session into a live gain stage (trim, polarity, fader, VCA offset, mute
/// parts) and the live parameters that drive them: fader plus the faders of every VCA the strip belongs to (dB added)
/// make the output gain; own mute, any member VCA's mute and the implicit solo mute make the mute state. Solo in place:
/// when any track or bus is soloed, a track is audible only if it is soloed, solo-safe, or its main output chain
/// reaches a soloed bus; buses are never implicitly muted. Control side (allocates).
/// </summary>
public static class StripResolution
{
    /// <summary>Returns the resolved gain stage of every track and bus, keyed by id, with ramp buffers for <paramref name="blockSize"/>; control side.</summary>
    public static Dictionary<string, StripGainStage> Resolve(MixSession session, int blockSize) => ResolveLive(session, blockSize).Stages;

    /// <summary>Resolves the gain and pan stages, the send levels and the live parameter table (addresses of trim, polarity, fader, mute, solo, soloSafe, pan/*, send/&lt;bus&gt;/level and mute, and VCA fader/mute); control side.</summary>
    public static LiveStrips ResolveLive(MixSession session, int blockSize)
    {
        var vcaDb = new Dictionary<string, double>();
        var vcaMute = new HashSet<string>();
        foreach (var vca in session.Vcas)
        {
            foreach (var member in vca.Members)
            {
                vcaDb[member] = vcaDb.GetValueOrDefault(member) + vca.FaderDb;
                if (vca.Mute) vcaMute.Add(member);
            }
        }
        var solo = SoloBoard.For(session);
        var stages = new Dictionary<string, StripGainStage>();
        var pans = new Dictionary<string, PanStage>();
        var parameters = new Dictionary<string, IRtParameter>(StringComparer.Ordinal);
        var sends = new Dictionary<(string, string), SendLevel>();
        var busNames = session.Buses.GroupBy(b => b.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        for (int i = 0; i < session.Tracks.Count; i++)
        {
            var t = session.Tracks[i];
            var stage = Stage(t.Id, t.Strip, solo.IsSoloMuted(i), vcaDb, vcaMute, blockSize);
            stages[t.Id] = stage;
            AddStripParameters(parameters, ParameterScope.Track, t.Name, stage);
            pans[t.Id] = AddPanParameters(parameters, ParameterScope.Track, t.Name, t.Strip.Pan);
            AddSendParameters(parameters, sends, ParameterScope.Track, t.Id, t.Name, t.Sends, busNames);
            parameters[Address(ParameterScope.Track, t.Name, "solo")] = solo.SoloOf(i);
            parameters[Address(ParameterScope.Track, t.Name, "soloSafe")] = solo.SoloSafeOf(i);
        }
        for (int i = 0; i < session.Buses.Count; i++)
        {
            var b = session.Buses[i];
            var stage = Stage(b.Id, b.Strip, false, vcaDb, vcaMute, blockSize);
            stages[b.Id] = stage;
            AddStripParameters(parameters, ParameterScope.Bus, b.Name, stage);
            pans[b.Id] = AddPanParameters(parameters, ParameterScope.Bus, b.Name, b.Strip.Pan);
            AddSendParameters(parameters, sends, ParameterScope.Bus, b.Id, b.Name, b.Sends, busNames);
            parameters[Address(ParameterScope.Bus, b.Name, "solo")] = solo.SoloOf(session.Tracks.Count + i);
            parameters[Address(ParameterScope.Bus, b.Name, "soloSafe")] = solo.SoloSafeOf(session.Tracks.Count + i);
        }
        solo.Attach(session.Tracks.Select(t => stages[t.Id]).ToArray());
        var vcas = new Dictionary<string, VcaMaster>(StringComparer.Ordinal);
        foreach (var (vca, master) in VcaMaster.For(session, stages))
        {
            parameters[Address(ParameterScope.Vca, vca.Name, "fader")] = master.Fader;
            parameters[Address(ParameterScope.Vca, vca.Name, "mute")] = master.Mute;
            vcas[vca.Name] = master;
        }
        return new LiveStrips(stages, parameters, pans) { Vcas = vcas, Sends = sends };
    }

    private static string Address(ParameterScope scope, string name, string parameter) => ParameterAddress.ByName(scope, name, parameter).ToString();

    private static void AddStripParameters(Dictionary<string, IRtParameter> parameters, ParameterScope scope, string name, StripGainStage stage)
    {
        parameters[Address(scope, name, "trim")] = new RtAction(stage.RtSetTrim);
        parameters[Address(scope, name, "polarity")] = new RtAction(v => stage.RtSetPolarity(v >= 0.5));
        parameters[Address(scope, name, "fader")] = new RtAction(stage.RtSetFader);
        parameters[Address(scope, name, "mute")] = new RtAction(v => stage.RtSetMute(v >= 0.5));
    }

    private static void AddSendParameters(Dictionary<string, IRtParameter> parameters, Dictionary<(string, string), SendLevel> sends,
        ParameterScope scope, string id, string name, IReadOnlyList<Send> strip, Dictionary<string, string> busNames)
    {
        foreach (var send in strip)
        {
            var level = new SendLevel(send.LevelDb, send.Mute);
            sends[(id, send.Bus)] = level;
            string bus = busNames.GetValueOrDefault(send.Bus, send.Bus);
            parameters[Address(scope, name, $"send/{bus}/level")] = new RtAction(level.RtSetLevel);
            parameters[Address(scope, name, $"send/{bus}/mute")] = new RtAction(level.RtSetMute);
        }
    }

    private static PanStage AddPanParameters(Dictionary<string, IRtParameter> parameters, ParameterScope scope, string name, Pan pan)
    {
        var stage = new PanStage(pan.Controls);
        parameters[Address(scope, name, "pan/x")] = new RtAction(stage.RtSetX);
        parameters[Address(scope, name, "pan/y")] = new RtAction(stage.RtSetY);
        parameters[Address(scope, name, "pan/z")] = new RtAction(stage.RtSetZ);
        parameters[Address(scope, name, "pan/width")] = new RtAction(stage.RtSetWidth);
        parameters[Address(scope, name, "pan/rotation")] = new RtAction(stage.RtSetRotation);
        parameters[Address(scope, name, "pan/divergence")] = new RtAction(stage.RtSetDivergence);
        parameters[Address(scope, name, "pan/lfe")] = new RtAction(stage.RtSetLfe);
        parameters[Address(scope, name, "pan/height")] = new RtAction(stage.RtSetHeight);
        return stage;
    }

    private static StripGainStage Stage(string id, Strip strip, bool soloMuted, Dictionary<string, double> vcaDb, HashSet<string> vcaMute, int blockSize) =>
        new(strip.TrimDb, strip.Polarity, strip.FaderDb, vcaDb.GetValueOrDefault(id), strip.Mute, vcaMute.Contains(id), soloMuted, blockSize);
}
