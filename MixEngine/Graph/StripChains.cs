using MixEngine.Dsp;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Inserts the processing of every track and bus strip that has any (<see cref="StripProcessing.Inserted"/>) into a plan
/// being built: prepares a <see cref="StripChain"/> for the strip's channels at the session rate, connects the compressor's
/// key node, and adds the processors' live parameters (<c>track/DX 1/eq/2/gain</c>, <c>bus/FX/dyn/comp/threshold</c>).
/// Control side (allocates).
/// </summary>
public static class StripChains
{
    /// <summary>Inserts the chains into <paramref name="tracks"/> and <paramref name="buses"/> (session order) and their parameters into <paramref name="parameters"/>.</summary>
    public static void Insert(MixSession session, TrackNode[] tracks, BusNode[] buses, int blockSize, Dictionary<string, IRtParameter> parameters)
    {
        var nodes = new Dictionary<string, MixNode>(StringComparer.Ordinal);
        foreach (var t in tracks) nodes[t.Id] = t;
        foreach (var b in buses) nodes[b.Id] = b;
        for (int i = 0; i < tracks.Length; i++) Insert(tracks[i], session.Tracks[i].Strip, ParameterScope.Track, session, nodes, blockSize, parameters);
        for (int i = 0; i < buses.Length; i++) Insert(buses[i], session.Buses[i].Strip, ParameterScope.Bus, session, nodes, blockSize, parameters);
    }

    private static void Insert(MixNode node, Strip strip, ParameterScope scope, MixSession session, Dictionary<string, MixNode> nodes,
        int blockSize, Dictionary<string, IRtParameter> parameters)
    {
        var processing = strip.Processing;
        if (!processing.Inserted) return;
        MixNode? key = null;
        if (processing.Compressor?.Key is { } keyId && !nodes.TryGetValue(keyId, out key))
            throw new InvalidOperationException($"strip of '{node.Id}': unknown key '{keyId}'");
        var spec = new ProcessSpec(session.SampleRate, blockSize, node.Layout.ChannelCount);
        var chain = new StripChain(processing, spec, key?.Layout.ChannelCount ?? 0);
        node.SetProcessing(chain, key);
        chain.AddParameters(parameters, ParameterAddress.ByName(scope, node.Name, "").ToString());
    }
}
