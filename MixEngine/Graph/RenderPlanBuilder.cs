using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Compiles an immutable <see cref="MixSession"/> into a <see cref="RenderPlan"/>: resolves strips (solo, VCA, mute),
/// orders buses topologically, opens one media reader per track and file, builds the mix matrices of every main output
/// and send, and preallocates every buffer. The one builder serves the offline driver now and the realtime driver
/// later. Control side: allocates, opens files and throws (<see cref="InvalidOperationException"/> naming the track,
/// bus or clip for a session the validator should have rejected; media errors as the opener reports them).
/// </summary>
public static class RenderPlanBuilder
{
    /// <summary>Builds the plan; on failure every reader already opened is closed again.</summary>
    public static RenderPlan Build(MixSession session, RenderPlanOptions options, IMediaOpener opener)
    {
        if (options.BlockSize is < 1 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "block size must be 1 … 65536 samples");
        var levels = PlanStages.Compute(session);
        var live = StripResolution.ResolveLive(session, options.BlockSize);
        var strips = live.Stages;
        int rampLength = PanRampLength(session.SampleRate);
        var preTapped = PreTappedIds(session);
        preTapped.UnionWith(session.Tracks.Select(t => t.Strip).Concat(session.Buses.Select(b => b.Strip))
            .Select(s => s.Processing.Compressor?.Key).OfType<string>());
        if (options.PreFaderTaps) preTapped.UnionWith(session.Tracks.Select(t => t.Id).Concat(session.Buses.Select(b => b.Id)));
        var readers = new List<IMediaReader>();
        try
        {
            var tracks = new TrackNode[session.Tracks.Count];
            for (int i = 0; i < tracks.Length; i++)
            {
                var t = session.Tracks[i];
                var clips = CompileClips(session, t, i, opener, readers);
                tracks[i] = new TrackNode(t.Id, t.Name, t.Format, strips[t.Id], preTapped.Contains(t.Id), options.BlockSize, clips);
            }
            var buses = new BusNode[session.Buses.Count];
            var busIndex = new Dictionary<string, int>();
            for (int i = 0; i < buses.Length; i++)
            {
                var b = session.Buses[i];
                buses[i] = new BusNode(b.Id, b.Name, b.Format, strips[b.Id], preTapped.Contains(b.Id), options.BlockSize, levels[b.Id]);
                busIndex[b.Id] = i;
            }
            StripChains.Insert(session, tracks, buses, options.BlockSize, live.Parameters);
            // Lanes before routing: a contribution sizes its gains for the update points of a pan that follows lanes.
            var automation = AutomationPlayback.Build(session, live, options.BlockSize);
            var feeders = new List<MixContribution>[buses.Length];
            for (int i = 0; i < feeders.Length; i++) feeders[i] = new List<MixContribution>();
            for (int i = 0; i < tracks.Length; i++)
            {
                var t = session.Tracks[i];
                Route(tracks[i], $"$.tracks[{i}]", new PanSource(live.Pans[t.Id], t.Strip.Pan, rampLength), t.Output, t.Sends, live.Sends, buses, busIndex, feeders);
            }
            for (int i = 0; i < buses.Length; i++)
            {
                var b = session.Buses[i];
                Route(buses[i], $"$.buses[{i}]", new PanSource(live.Pans[b.Id], b.Strip.Pan, rampLength), b.Output, b.Sends, live.Sends, buses, busIndex, feeders);
            }
            for (int i = 0; i < buses.Length; i++) buses[i].SetFeeders(feeders[i].ToArray());
            int latency = LatencyPlanner.Compensate(tracks, buses);
            var trackStages = session.Tracks.Select(t => levels[t.Id]).ToArray();
            return new RenderPlan(session, options.BlockSize, tracks, trackStages, buses, readers.ToArray(), live.Parameters, latency, automation);
        }
        catch
        {
            foreach (var r in readers) r.Dispose();
            throw;
        }
    }

    /// <summary>Seconds over which a pan change glides to its new gains (10 ms: no click, and quick enough to follow a fast move).</summary>
    public const double PanRampSeconds = 0.010;

    private static int PanRampLength(int sampleRate) => Math.Max(1, (int)Math.Round(PanRampSeconds * sampleRate));

    private sealed record PanSource(PanStage Stage, Pan Pan, int RampLength);

    private static void Route(MixNode source, string path, PanSource pan, string? output, IReadOnlyList<Send> sends,
        Dictionary<(string, string), SendLevel> levels, BusNode[] buses, Dictionary<string, int> busIndex, List<MixContribution>[] feeders)
    {
        var ramps = new List<PanRamp>();
        if (output is not null)
        {
            int d = Destination(busIndex, output, $"{path}.output");
            feeders[d].Add(Contribution(source, false, $"{source.Id} → {output}", buses[d], pan, null, $"{path} ({source.Id}) → bus '{output}'", ramps));
        }
        // Every send is routed, muted or at −∞ dB too: its level and mute are live parameters (a muted send adds nothing
        // and does not keep its bus from being silent).
        for (int s = 0; s < sends.Count; s++)
        {
            var send = sends[s];
            int d = Destination(busIndex, send.Bus, $"{path}.sends[{s}].bus");
            feeders[d].Add(Contribution(source, send.Tap == SendTap.PreFader, $"{source.Id} send → {send.Bus}", buses[d], pan, levels[(source.Id, send.Bus)],
                $"{path}.sends[{s}] ({source.Id}) → bus '{send.Bus}'", ramps));
        }
        source.SetPanRamps(ramps.ToArray());
    }

    /// <summary>
    /// A mono or stereo source follows its strip's live pan (times the send's live level); a multichannel main output gets
    /// its fixed conversion matrix, a multichannel send the conversion times the send's live level.
    /// </summary>
    private static MixContribution Contribution(MixNode source, bool preFader, string description, BusNode destination, PanSource pan,
        SendLevel? send, string context, List<PanRamp> ramps)
    {
        PanRamp ramp;
        if (source.Layout.ChannelCount > 2)
        {
            var conversion = MixMatrix.Create(source.Layout, destination.Layout, pan.Pan, 1.0, context);
            if (send is null) return new MixContribution(source, preFader, description, conversion);
            ramp = new PanRamp(conversion, pan.Stage, send, pan.RampLength);
        }
        else ramp = new PanRamp(new BoxPanner(destination.Layout), pan.Stage, source.Layout.ChannelCount, 1.0, pan.RampLength, send);
        ramps.Add(ramp);
        return new MixContribution(source, preFader, description, ramp);
    }

    private static int Destination(Dictionary<string, int> busIndex, string id, string path) =>
        busIndex.TryGetValue(id, out int d) ? d : throw new InvalidOperationException($"{path}: unknown bus '{id}'");

    private static ClipPlayback[] CompileClips(MixSession session, Track track, int trackIndex, IMediaOpener opener, List<IMediaReader> readers)
    {
        var byMedia = new Dictionary<string, IMediaReader>();
        var compiled = new List<(ClipPlayback Playback, int Index)>();
        for (int k = 0; k < track.Clips.Count; k++)
        {
            var clip = track.Clips[k];
            string path = $"$.tracks[{trackIndex}].clips[{k}]";
            if (clip.Length <= 0) continue;
            string media = session.ResolvePath(clip.Media);
            if (!byMedia.TryGetValue(media, out var reader))
            {
                reader = opener.Open(media);
                readers.Add(reader);
                byMedia[media] = reader;
            }
            if (clip.SourceChannels.Count != track.Format.ChannelCount)
                throw new InvalidOperationException(
                    $"{path}.channels: track '{track.Id}' is {track.Format.Name} ({track.Format.ChannelCount} channels) but the clip maps {clip.SourceChannels.Count} media channels");
            var map = new int[clip.SourceChannels.Count];
            for (int c = 0; c < map.Length; c++)
            {
                int channel = clip.SourceChannels[c];
                if (channel < 1 || channel > reader.Info.Channels)
                    throw new InvalidOperationException(
                        $"{path}.channels[{c}]: media channel {channel} does not exist in {media} ({reader.Info.Channels} channels)");
                map[c] = channel - 1;
            }
            compiled.Add((new ClipPlayback(clip, reader, map, Decibels.ToGain(clip.GainDb)), k));
        }
        compiled.Sort((a, b) => a.Playback.Clip.Position != b.Playback.Clip.Position
            ? a.Playback.Clip.Position.CompareTo(b.Playback.Clip.Position)
            : a.Index.CompareTo(b.Index));
        return compiled.ConvertAll(c => c.Playback).ToArray();
    }

    private static HashSet<string> PreTappedIds(MixSession session)
    {
        var ids = new HashSet<string>();
        foreach (var t in session.Tracks)
            foreach (var s in t.Sends)
                if (s.Tap == SendTap.PreFader) ids.Add(t.Id);
        foreach (var b in session.Buses)
            foreach (var s in b.Sends)
                if (s.Tap == SendTap.PreFader) ids.Add(b.Id);
        return ids;
    }
}
