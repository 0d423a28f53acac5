using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;

namespace MixEngine.Realtime;

/// <summary>
/// What the monitor path sums for one plan: either the selected source bus's output (latency-aligned as the prints are) or,
/// while strips are listened to (AFL/PFL), those strips' post- or pre-fader signals; each source channel reaches the monitor
/// channel with the same speaker label, and a mono source the monitor has no centre for reaches L and R at −3 dB. Built on the
/// control side (allocates); read-only on the audio thread.
/// </summary>
internal sealed class MonitorSelection
{
    private MonitorSelection(RenderPlan plan, Entry[] entries)
    {
        Plan = plan;
        Entries = entries;
    }

    /// <summary>The plan the buffers belong to.</summary>
    public RenderPlan Plan { get; }

    /// <summary>The sources summed onto the monitor.</summary>
    public Entry[] Entries { get; }

    /// <summary>
    /// Resolves <paramref name="request"/> against <paramref name="plan"/> for a monitor of <paramref name="layout"/>:
    /// listened strips missing from the plan and a source bus it does not have contribute nothing. Control side.
    /// </summary>
    public static MonitorSelection For(RenderPlan plan, ChannelLayout layout, MonitorRequest request)
    {
        var entries = new List<Entry>();
        if (request.Listening.Count > 0)
        {
            foreach (string id in request.Listening)
            {
                if (plan.Tracks.FirstOrDefault(t => t.Id == id) is { } track)
                    entries.Add(new Entry(request.PreFader ? track.PreFaderBuffers : track.PostFaderBuffers, track, Taps(track.Layout, layout)));
                else if (plan.Buses.FirstOrDefault(b => b.Id == id) is { } bus)
                    entries.Add(new Entry(request.PreFader ? bus.PreFaderBuffers : bus.PostFaderBuffers, null, Taps(bus.Layout, layout)));
            }
        }
        else if (plan.Buses.FirstOrDefault(b => b.Id == request.SourceBusId) is { } source)
            entries.Add(new Entry(source.OutputBuffers, null, Taps(source.Layout, layout)));
        return new MonitorSelection(plan, entries.ToArray());
    }

    /// <summary>Source channel → monitor channel gains: same label at unity; a mono source without a monitor centre to L and R at 1/√2.</summary>
    internal static Tap[] Taps(ChannelLayout source, ChannelLayout monitor)
    {
        var taps = new List<Tap>();
        for (int s = 0; s < source.ChannelCount; s++)
        {
            int m = monitor.IndexOf(source.Labels[s]);
            if (m >= 0) taps.Add(new Tap(s, m, 1.0));
            else if (source.ChannelCount == 1)
                foreach (string side in new[] { "L", "R" })
                    if (monitor.IndexOf(side) is var k and >= 0) taps.Add(new Tap(s, k, Math.Sqrt(0.5)));
        }
        return taps.ToArray();
    }

    /// <summary>One summed source: its buffers (planar), the node whose silence flag says they are stale (tracks), and its taps.</summary>
    internal sealed record Entry(double[][] Buffers, MixNode? SilentWhen, Tap[] Taps);

    /// <summary>Source channel <paramref name="Source"/> added into monitor channel <paramref name="Monitor"/> times <paramref name="Gain"/>.</summary>
    internal readonly record struct Tap(int Source, int Monitor, double Gain);
}

/// <summary>
/// The control side's monitor selection: the source bus (id), the strips listened to (ids, tracks or buses; empty = none)
/// and whether they are heard pre-fader (PFL) rather than after the fader (AFL). Immutable; any thread.
/// </summary>
public sealed record MonitorRequest(string? SourceBusId, IReadOnlyList<string> Listening, bool PreFader);
