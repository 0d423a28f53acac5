using MixEngine.Automation;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Plays a session's automation lanes inside a render plan. Gain-type lanes (track and bus trim, fader and mute; VCA
/// fader and mute) are played per sample: their cursors fill per-sample gain buffers (<see cref="GainLane"/>) that the
/// strips' gain stages multiply in, exactly (<see cref="StripGainStage"/>). A strip's own lanes are filled by the strip
/// as its block begins, so a track's lanes are evaluated inside its item on the render team, in parallel with the other
/// tracks; VCA lanes, which several strips read, are filled here before the block's phases. Pan lanes are followed by the strip's
/// <see cref="PanStage"/>, which reads them at the multiples of <see cref="PointInterval"/> and interpolates the speaker gains
/// in between, and send level and mute lanes by the send's contribution the same way, inside its gain ramp
/// (<see cref="SendLevel"/>); EQ lanes are followed by the EQ kernel, which reads them at its control periods
/// (<see cref="IRtLaneFollower"/>; no block cut for either). Every other lane with a live parameter in the plan (EQ band
/// switches, dynamics) is set through its <see cref="IRtParameter"/> every
/// <see cref="Interval"/> samples, at positions that are multiples of the interval, and its kernel smooths the steps;
/// drivers cut blocks at those positions (<see cref="RtBlockLimit"/>) so the value changes at the same sample whatever the
/// block size. Lanes whose mode is Off, or that are empty, are not played; lanes of parameters the plan cannot drive yet
/// are listed in <see cref="Unplayed"/>.
/// <para>Thread rules: built on the control side by <see cref="RenderPlanBuilder"/>; <c>Rt*</c> members run on the
/// driver thread before a block's phases and never allocate, lock or throw. A cursor's live override is set by the
/// driver between blocks and read by whichever thread fills the lane during the block (never both at once).</para>
/// </summary>
public sealed class AutomationPlayback
{
    /// <summary>
    /// Samples between updates of the lanes set between blocks (EQ band switches, dynamics; 5.3 ms at 48 kHz): finer
    /// than the kernels' own smoothing (the EQ's 10 ms glide), so they still see a smooth movement, and coarse enough
    /// that cutting blocks at these positions stays cheap (an offline 4096-sample block is cut in sixteen; realtime blocks
    /// of 64 to 256 samples at most in two).
    /// </summary>
    public const int Interval = 256;

    /// <summary>
    /// Samples between the update points of followed pan controls and send levels and mutes (10.7 ms at 48 kHz, the
    /// span of the live pan and send glide, 480 samples, and of the moving EQ's gain period): their speaker gains are
    /// computed at the multiples of it and move in straight lines in between (<see cref="PanRamp"/>). A straight line
    /// between two points of the panner's sine/cosine law errs by at most (ω·I)²/8 relative for a pan moving ω radians
    /// per sample (−89 dB for a sweep across two speakers in one second, 0.03 dB in 100 ms; docs/automation.md).
    /// </summary>
    public const int PointInterval = 512;

    private const string PanPrefix = "pan/", SendPrefix = "send/";

    private readonly GainLane[] _gainLanes;
    private readonly (RtLaneCursor Cursor, IRtParameter Target)[] _stepped;
    private readonly Dictionary<string, RtLaneCursor> _cursors;

    private AutomationPlayback(GainLane[] gainLanes, (RtLaneCursor, IRtParameter)[] stepped, string[] unplayed, Dictionary<string, RtLaneCursor> cursors)
    {
        _gainLanes = gainLanes;
        _stepped = stepped;
        Unplayed = unplayed;
        _cursors = cursors;
    }

    /// <summary>The cursor playing the lane of <paramref name="address"/> (name form), or null when the plan plays no lane there; control side (the realtime engine overrides it live).</summary>
    public RtLaneCursor? Cursor(string address) => _cursors.GetValueOrDefault(address);

    /// <summary>Addresses of lanes that have points but no live parameter in the plan (not played).</summary>
    public IReadOnlyList<string> Unplayed { get; }

    /// <summary>Number of lanes played per sample (a strip's own and VCA lanes).</summary>
    public int GainLaneCount { get; private init; }

    /// <summary>Number of lanes their parameter's owner plays itself at the positions it needs (pan controls, send levels and mutes, EQ gain, frequency and Q), without cutting blocks.</summary>
    public int FollowedLaneCount { get; private init; }

    /// <summary>Number of lanes played every <see cref="Interval"/> samples.</summary>
    public int SteppedLaneCount => _stepped.Length;

    /// <summary>Builds the playback of <paramref name="session"/>'s lanes and attaches gain lanes to the strips of <paramref name="live"/>; control side.</summary>
    public static AutomationPlayback Build(MixSession session, LiveStrips live, int blockSize)
    {
        var automation = session.Automation;
        var catalog = ParameterCatalog.For(session);
        var ids = session.Tracks.Select(t => ("track/" + t.Name, t.Id)).Concat(session.Buses.Select(b => ("bus/" + b.Name, b.Id)))
            .ToDictionary(x => x.Item1, x => x.Id, StringComparer.Ordinal);
        var busIds = session.Buses.GroupBy(b => b.Name).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var gains = new List<GainLane>();
        var stepped = new List<(RtLaneCursor, IRtParameter)>();
        var unplayed = new List<string>();
        int followed = 0, ownLanes = 0;
        var cursors = new Dictionary<string, RtLaneCursor>(StringComparer.Ordinal);
        foreach (var lane in automation.Lanes)
        {
            if (!lane.Plays(automation.ModeOf(lane.Address))) continue;
            var d = catalog.Find(lane.Address).Descriptor;
            var cursor = new RtLaneCursor(lane, d.Minimum, d.Maximum, d.Unit == ParameterUnit.Boolean);
            cursors[d.Address.ToString()] = cursor;
            string target = SessionAutomation.TargetOf(lane.Address);
            string parameter = d.Address.Parameter;
            if (d.Address.Scope == ParameterScope.Vca && live.Vcas.TryGetValue(d.Address.Target, out var vca) && parameter is "fader" or "mute")
            {
                var g = new GainLane(cursor, parameter == "mute", blockSize);
                foreach (var stage in vca.MemberStages)
                    if (g.Switch) stage.AutomateMute(g.Buffer, false);
                    else stage.AutomateOutput(g.Buffer, false);
                vca.Automate(fader: !g.Switch && cursor.HasMain, mute: g.Switch);
                gains.Add(g);
            }
            else if (ids.TryGetValue(target, out string? id) && live.Stages.TryGetValue(id, out var stage) && parameter is "trim" or "fader" or "mute")
            {
                var g = new GainLane(cursor, parameter == "mute", blockSize);
                if (parameter == "trim") stage.AutomateTrim(g.Buffer, cursor.HasMain);
                else if (parameter == "fader") stage.AutomateOutput(g.Buffer, cursor.HasMain);
                else stage.AutomateMute(g.Buffer, true);
                stage.PlayLane(g);
                ownLanes++;
            }
            else if (parameter.StartsWith(PanPrefix, StringComparison.Ordinal) && ids.TryGetValue(target, out id)
                     && live.Pans.TryGetValue(id, out var pan) && pan.Follow(parameter[PanPrefix.Length..], cursor, blockSize))
                Followed(id, cursor);
            else if (parameter.StartsWith(SendPrefix, StringComparison.Ordinal) && ids.TryGetValue(target, out id)
                     && SendOf(live, busIds, id, parameter) is { } send && send.Follow(parameter[(parameter.LastIndexOf('/') + 1)..], cursor))
            {
                live.Pans[id].EvaluatePoints(blockSize);
                Followed(id, cursor);
            }
            else if (live.Parameters.TryGetValue(lane.Address, out var p))
            {
                if (p is IRtLaneFollower follower)
                {
                    follower.Follow(cursor);
                    Followed(ids.GetValueOrDefault(target), cursor);
                }
                else stepped.Add((cursor, p));
            }
            else unplayed.Add(lane.Address);
        }
        foreach (string address in unplayed) cursors.Remove(address);

        // A lane that follows a strip's control is read during that strip's block: its stage asks for the cursor's lines
        // at the block's start.
        void Followed(string? strip, RtLaneCursor cursor)
        {
            followed++;
            if (strip is not null && live.Stages.TryGetValue(strip, out var stage)) stage.PrefetchLane(cursor, gains: false);
        }
        return new AutomationPlayback(gains.ToArray(), stepped.ToArray(), unplayed.ToArray(), cursors)
        {
            FollowedLaneCount = followed,
            GainLaneCount = gains.Count + ownLanes,
        };
    }

    // The send of strip `id` named by `parameter` (send/<bus name>/level or mute), or null.
    private static SendLevel? SendOf(LiveStrips live, Dictionary<string, string> busIds, string id, string parameter)
    {
        int end = parameter.LastIndexOf('/');
        return end > SendPrefix.Length && busIds.TryGetValue(parameter[SendPrefix.Length..end], out string? bus)
            ? live.Sends.GetValueOrDefault((id, bus))
            : null;
    }

    /// <summary>
    /// The largest block from <paramref name="position"/> (at most <paramref name="count"/>) that does not cross a multiple of
    /// <see cref="Interval"/> when non-gain lanes play; <paramref name="count"/> otherwise. Driver thread.
    /// </summary>
    public int RtBlockLimit(long position, int count)
    {
        if (_stepped.Length == 0) return count;
        long toNext = Interval - (position % Interval);
        return (int)Math.Min(count, toNext);
    }

    /// <summary>
    /// Fills the per-sample gains of the VCA lanes for samples [<paramref name="position"/>, +count) (a strip's own lanes
    /// are filled by the strip itself) and sets the non-gain lanes' parameters. Driver thread, before the block's phases.
    /// </summary>
    public void RtBeginBlock(long position, int count)
    {
        foreach (var g in _gainLanes) g.RtFill(position, count);
        long grid = position - (position % Interval);
        foreach (var (cursor, target) in _stepped) target.RtSet(cursor.RtValueAt(grid));
    }
}
