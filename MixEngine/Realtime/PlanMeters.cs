using MixEngine.ControlPlane;
using MixEngine.Dsp.Loudness;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// The meter taps of one plan: a <see cref="MeterTap"/> on every track and bus (tracks, then buses, in session order)
/// and the integrated loudness of the printmaster since the last reset (a full <see cref="LoudnessMeter"/>, gated per
/// BS.1770; loudness only: the printmaster's tap measures its peaks). The driver measures after every rendered block and, every <see cref="PublishInterval"/> frames of device
/// time, publishes one consistent set of readings through a <see cref="SeqlockSnapshot"/> that control threads copy
/// without locks. Snapshot layout: [0] printmaster integrated LUFS, [1] printmaster strip index (−1: none), then per
/// strip at <see cref="StripOffset"/>: momentary LUFS, short-term LUFS, gain reduction dB, and per channel sample
/// peak, true peak and RMS in dBFS. A track's tap is measured by the track itself at the end of its block (its render
/// item, while the output is still in the cache; <see cref="RtBeginBlock"/> tells it the parts to measure); the buses'
/// taps and the printmaster's integrated loudness are a phase of independent items after the block that a driver may
/// spread over its <see cref="RenderWorkers"/>. Each item writes only its own state, so the readings do not depend on
/// which thread measured.
/// <para>On demand (<see cref="OnDemand"/>; <c>serve</c> runs so): true peak and loudness, the costly parts, are measured
/// only for strips whose readings of that kind a control thread read (<see cref="RequestTruePeak"/>,
/// <see cref="RequestLoudness"/>, called by <c>MeterReadings</c> on every read) within the last <see cref="DemandHold"/>,
/// and always for printed buses and the printmaster; sample peak, RMS and gain reduction are always measured.</para>
/// <para>Thread rules: construction on the control side; <c>Rt*</c> members on the driver thread (the measuring items
/// also on its render workers, inside <see cref="RtMeasure(int, RenderWorkers)"/>); <see cref="Snapshot"/>,
/// <see cref="RequestLoudnessReset"/> and the layout members on any thread. Nothing allocates after construction.</para>
/// </summary>
public sealed class PlanMeters : IBlockPhase
{
    /// <summary>Values before the first strip in the snapshot.</summary>
    public const int HeaderLength = 2;

    /// <summary>Values per strip before its channels.</summary>
    public const int StripHeaderLength = 3;

    private readonly MeterTap[] _taps;
    private readonly int _trackTaps;
    private int _demandVersion;
    private int _demandSeen = -1;
    private long _demandPublication = -1;
    private readonly int[] _offsets;
    private readonly LoudnessMeter? _printmaster;
    private readonly MeterTap? _printmasterTap;
    private long _sinceLastPublish;
    private int _resetRequested;
    private int _measureCount;
    private readonly bool[] _alwaysFull;
    private readonly long[] _truePeakUntil;
    private readonly long[] _loudnessUntil;
    private readonly long _holdPublications;
    private long _publications;

    /// <summary>How long a read of a strip's true peak or loudness keeps it measured, when <see cref="OnDemand"/>.</summary>
    public static readonly TimeSpan DemandHold = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates taps for every node of <paramref name="plan"/>, publishing every <paramref name="publishInterval"/> frames;
    /// the printmaster's integrated loudness continues from <paramref name="previous"/> (the plan being replaced) when
    /// both have the same printmaster bus and channel count, and strips of the same address keep their demand.
    /// <paramref name="onDemand"/>: see <see cref="OnDemand"/>. Control side.
    /// </summary>
    public PlanMeters(RenderPlan plan, int publishInterval, PlanMeters? previous = null, bool onDemand = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(publishInterval, 1);
        PublishInterval = publishInterval;
        OnDemand = onDemand;
        var taps = new List<MeterTap>();
        foreach (var t in plan.Tracks)
        {
            var tap = new MeterTap(t, $"track/{t.Name}", plan.SampleRate);
            t.MeasureInItem(tap);
            taps.Add(tap);
        }
        _trackTaps = plan.Tracks.Count;
        foreach (var b in plan.Buses) taps.Add(new MeterTap(b, $"bus/{b.Name}", plan.SampleRate));
        _taps = taps.ToArray();
        _offsets = new int[_taps.Length];
        int length = HeaderLength;
        for (int s = 0; s < _taps.Length; s++)
        {
            _offsets[s] = length;
            length += StripHeaderLength + 3 * _taps[s].ChannelCount;
        }
        Snapshot = new SeqlockSnapshot(length);
        string? printmaster = Printmaster(plan.Session);
        PrintmasterStrip = printmaster is null ? -1 : plan.Tracks.Count + IndexOfBus(plan, printmaster);
        _holdPublications = (long)Math.Ceiling(DemandHold.TotalSeconds * plan.SampleRate / publishInterval);
        _alwaysFull = new bool[_taps.Length];
        _truePeakUntil = new long[_taps.Length];
        _loudnessUntil = new long[_taps.Length];
        for (int s = 0; s < _taps.Length; s++)
        {
            _alwaysFull[s] = s == PrintmasterStrip || s >= plan.Tracks.Count && plan.Session.Outputs.Any(o => o.Bus == _taps[s].Node.Id);
            _truePeakUntil[s] = _loudnessUntil[s] = -1;
            int before = previous is null ? -1 : Array.FindIndex(previous._taps, t => t.Address == _taps[s].Address);
            if (before < 0) continue;
            // The previous plan's demand carries over, counted in this plan's publications.
            long left = Volatile.Read(ref previous!._truePeakUntil[before]) - Volatile.Read(ref previous._publications);
            if (left >= 0) _truePeakUntil[s] = left;
            left = Volatile.Read(ref previous._loudnessUntil[before]) - Volatile.Read(ref previous._publications);
            if (left >= 0) _loudnessUntil[s] = left;
        }
        if (PrintmasterStrip >= 0)
        {
            _printmasterTap = _taps[PrintmasterStrip];
            _printmaster = previous?._printmasterTap is { } old && old.Node.Id == _printmasterTap.Node.Id && old.ChannelCount == _printmasterTap.ChannelCount
                ? previous._printmaster
                : new LoudnessMeter(plan.SampleRate, LoudnessChannelWeights.For(_printmasterTap.Node.Layout), peaks: false);
        }
        RtPublish();
    }

    /// <summary>True when true peak and loudness are measured only for strips someone reads (and printed buses), false when for every strip.</summary>
    public bool OnDemand { get; }

    /// <summary>Keeps the strip's true peak measured for <see cref="DemandHold"/> from now (a reader of it calls this); any thread.</summary>
    public void RequestTruePeak(int strip)
    {
        Volatile.Write(ref _truePeakUntil[strip], Volatile.Read(ref _publications) + _holdPublications);
        Interlocked.Increment(ref _demandVersion);
    }

    /// <summary>Keeps the strip's momentary and short-term loudness measured for <see cref="DemandHold"/> from now (a reader of it calls this); any thread.</summary>
    public void RequestLoudness(int strip)
    {
        Volatile.Write(ref _loudnessUntil[strip], Volatile.Read(ref _publications) + _holdPublications);
        Interlocked.Increment(ref _demandVersion);
    }

    /// <summary>Whether the strip's true peak was measured in the last block (always, unless <see cref="OnDemand"/>); any thread.</summary>
    public bool MeasuresTruePeak(int strip) => _taps[strip].MeasuresTruePeak;

    /// <summary>Whether the strip's loudness was measured in the last block (always, unless <see cref="OnDemand"/>); any thread.</summary>
    public bool MeasuresLoudness(int strip) => _taps[strip].MeasuresLoudness;

    /// <summary>Mean frames of device time between two publications (each covers whole device periods).</summary>
    public int PublishInterval { get; }

    /// <summary>The published readings; copy them with <see cref="SeqlockSnapshot.TryRead"/>.</summary>
    public SeqlockSnapshot Snapshot { get; }

    /// <summary>Number of metered strips.</summary>
    public int StripCount => _taps.Length;

    /// <summary>Index of the printmaster strip (the first printed bus that feeds no other bus, else the first bus that feeds nothing), or −1.</summary>
    public int PrintmasterStrip { get; }

    /// <summary>The strip's address prefix.</summary>
    public string StripName(int strip) => _taps[strip].Address;

    /// <summary>Channels of the strip.</summary>
    public int ChannelCount(int strip) => _taps[strip].ChannelCount;

    /// <summary>Where the strip's values start in the snapshot.</summary>
    public int StripOffset(int strip) => _offsets[strip];

    /// <summary>Asks the driver to restart the printmaster's integrated loudness at its next block; any thread.</summary>
    public void RequestLoudnessReset() => Interlocked.Exchange(ref _resetRequested, 1);

    /// <summary>Measures the buses' output of the block just rendered (<paramref name="count"/> frames; the tracks measured theirs in their items) on the calling thread. Driver thread.</summary>
    public void RtMeasure(int count) => RtMeasure(count, null);

    /// <summary>
    /// Measures the buses' output of the block just rendered (<paramref name="count"/> frames; the tracks measured theirs
    /// at the end of their items), spreading the buses over <paramref name="workers"/> (null: all on the calling thread);
    /// the readings are the same either way. Driver thread.
    /// </summary>
    public void RtMeasure(int count, RenderWorkers? workers)
    {
        _measureCount = count;
        int items = _taps.Length - _trackTaps + (_printmaster is null ? 0 : 1);
        if (workers is null)
            for (int i = 0; i < items; i++) RtMeasureItem(i);
        else workers.RunPhase(this, items);
    }

    /// <summary>
    /// Before a block renders: tells every track's tap which parts to measure (tracks measure their own output at the end
    /// of their item, <see cref="TrackNode.MeasureInItem"/>), looking at the demand only when a reader asked since the last
    /// look or a publication passed (the hold counts publications), so a block without either touches no tap. Driver thread.
    /// </summary>
    public void RtBeginBlock()
    {
        int version = Volatile.Read(ref _demandVersion);
        long publication = Volatile.Read(ref _publications);
        if (version == _demandSeen && publication == _demandPublication) return;
        _demandSeen = version;
        _demandPublication = publication;
        for (int s = 0; s < _trackTaps; s++)
        {
            bool full = !OnDemand || _alwaysFull[s];
            _taps[s].RtSetDemand(full || Volatile.Read(ref _truePeakUntil[s]) >= publication, full || Volatile.Read(ref _loudnessUntil[s]) >= publication);
        }
    }

    void IBlockPhase.RtRunItem(int item) => RtMeasureItem(item);

    // Item 0 is the printmaster's integrated loudness when there is one (the longest item, so it starts first); the
    // buses follow in reverse order (the tracks measure themselves in their items).
    private void RtMeasureItem(int item)
    {
        if (_printmaster is not null)
        {
            if (item == 0)
            {
                if (!_printmasterTap!.Node.RtSilent) _printmaster.RtProcess(_printmasterTap.Node.PostFaderBuffers, 0, _measureCount);
                return;
            }
            item--;
        }
        int strip = _taps.Length - 1 - item;
        if (!OnDemand || _alwaysFull[strip])
        {
            _taps[strip].RtMeasure(_measureCount);
            return;
        }
        long publication = Volatile.Read(ref _publications);
        _taps[strip].RtMeasure(_measureCount, Volatile.Read(ref _truePeakUntil[strip]) >= publication, Volatile.Read(ref _loudnessUntil[strip]) >= publication);
    }

    /// <summary>
    /// Counts <paramref name="frames"/> of device time and publishes when an interval is complete; the strips' loudness
    /// windows are fed silence for the frames not rendered (<paramref name="frames"/> − <paramref name="rendered"/>, the
    /// transport stopped), so they fall as a console meter does. Driver thread, once per period.
    /// </summary>
    public void RtAdvance(int frames, int rendered)
    {
        if (Interlocked.Exchange(ref _resetRequested, 0) == 1) _printmaster?.Reset();
        if (rendered < frames)
            foreach (var tap in _taps) tap.RtProcessSilence(frames - rendered);
        _sinceLastPublish += frames;
        if (_sinceLastPublish < PublishInterval) return;
        // Keep the remainder: readings cover whole device periods, so intervals vary by a period around the mean rate.
        _sinceLastPublish = Math.Min(_sinceLastPublish - PublishInterval, PublishInterval);
        RtPublish();
    }

    private void RtPublish()
    {
        Snapshot.RtBeginWrite();
        var values = Snapshot.RtValues;
        values[0] = _printmaster?.Integrated ?? double.NegativeInfinity;
        values[1] = PrintmasterStrip;
        for (int s = 0; s < _taps.Length; s++)
        {
            int o = _offsets[s];
            values[o] = _taps[s].Loudness.Momentary;
            values[o + 1] = _taps[s].Loudness.ShortTerm;
            values[o + 2] = _taps[s].RtTakeGainReduction();
            _taps[s].RtRead(values.Slice(o + StripHeaderLength, 3 * _taps[s].ChannelCount));
        }
        Snapshot.RtEndWrite();
        Volatile.Write(ref _publications, _publications + 1);
    }

    private static int IndexOfBus(RenderPlan plan, string id)
    {
        for (int i = 0; i < plan.Buses.Count; i++)
            if (plan.Buses[i].Id == id) return i;
        return -1;
    }

    /// <summary>The printmaster bus id: the first printed bus that feeds no other bus, else the first bus that feeds nothing; null when none.</summary>
    internal static string? Printmaster(MixSession session)
    {
        foreach (var o in session.Outputs)
            if (session.Buses.FirstOrDefault(b => b.Id == o.Bus) is { Output: null } printed) return printed.Id;
        return session.Buses.FirstOrDefault(b => b.Output is null && b.Sends.Count == 0)?.Id;
    }
}
