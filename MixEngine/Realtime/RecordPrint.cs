using MixEngine.ControlPlane;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// One record-print take: the session's prints written to disk in real time while the transport plays. The audio
/// thread copies every rendered segment played in the Playing state (not the pre-roll, nothing while stopped) of each
/// printed bus channel into a preallocated <see cref="SampleRing"/>; a disk thread (<see cref="RecordPrintDisk"/>)
/// writes the same BWF prints as an offline render (names, bext, iXML, dither seeds, loudness, temporary names renamed
/// on commit). A full ring drops the segment and counts it (<see cref="OverrunFrames"/>): the audio thread never waits.
/// Jumps in the played timeline (locate, loop wrap) are counted as discontinuities, since the files then no longer equal
/// one offline range.
/// <para>Thread rules: created and stopped on the control side (<see cref="RealtimeEngine.StartRecordPrint"/>,
/// <see cref="RealtimeEngine.StopRecordPrint"/>); <c>Rt*</c> members on the audio thread only (no allocation, lock or
/// throw); the disk thread is the take's own.</para>
/// </summary>
public sealed class RecordPrint
{
    private const int Capturing = 0, StopRequested = 1, Stopped = 2;
    private const int MaxSegment = 65536;

    private readonly (string BusId, int Channel)[] _channels;
    private readonly double[][] _sources;
    private readonly double[] _silence = new double[MaxSegment];
    private readonly RecordPrintDisk _disk;
    private RenderPlan? _sourcePlan;
    private int _state;
    private bool _started;
    private long _next;
    private long _start;
    private long _overrunFrames;
    private long _discontinuities;

    /// <summary>Sets up the ring and starts the disk thread for the prints of <paramref name="session"/> into <paramref name="directory"/>; control side.</summary>
    internal RecordPrint(MixSession session, string directory, RecordPrintOptions options)
    {
        if (session.Outputs.Count == 0) throw new InvalidOperationException($"session '{session.Name}' has no prints to record");
        var channels = new List<(string, int)>();
        var printChannels = new int[session.Outputs.Count][];
        for (int i = 0; i < session.Outputs.Count; i++)
        {
            var output = session.Outputs[i];
            var bus = session.Buses.FirstOrDefault(b => b.Id == output.Bus)
                ?? throw new InvalidOperationException($"$.outputs[{i}].bus: unknown bus '{output.Bus}'");
            printChannels[i] = new int[bus.Format.ChannelCount];
            for (int c = 0; c < printChannels[i].Length; c++)
            {
                int k = channels.IndexOf((bus.Id, c));
                if (k < 0)
                {
                    k = channels.Count;
                    channels.Add((bus.Id, c));
                }
                printChannels[i][c] = k;
            }
        }
        _channels = channels.ToArray();
        _sources = new double[_channels.Length][];
        int ringFrames = options.RingFrames ?? (int)Math.Ceiling(options.RingSeconds * session.SampleRate);
        if (ringFrames < 1) throw new ArgumentException($"record-print ring of {ringFrames} frames; at least 1 expected", nameof(options));
        Ring = new SampleRing(_channels.Length, ringFrames);
        Directory = Path.GetFullPath(directory);
        _disk = new RecordPrintDisk(this, session, Directory, printChannels, options.Origination ?? DateTime.UtcNow);
    }

    /// <summary>The folder (absolute) the take writes its prints into; any thread.</summary>
    public string Directory { get; }

    /// <summary>Frames dropped because the ring was full; any thread.</summary>
    public long OverrunFrames => Interlocked.Read(ref _overrunFrames);

    /// <summary>Jumps in the played timeline inside the take; any thread.</summary>
    public long Discontinuities => Interlocked.Read(ref _discontinuities);

    /// <summary>Frames the disk thread has written to every print so far; any thread.</summary>
    public long FramesWritten => _disk.FramesWritten;

    /// <summary>The ring between the audio thread and the disk thread.</summary>
    internal SampleRing Ring { get; }

    /// <summary>Timeline position of the first captured sample; valid once the ring has held data (published before it).</summary>
    internal long StartPosition => Interlocked.Read(ref _start);

    /// <summary>True once the audio thread has let go of the take (or the control side gave up waiting for it).</summary>
    internal bool IsStopped => Volatile.Read(ref _state) == Stopped;

    /// <summary>Called once per period before rendering: acknowledges a stop request at the block boundary. Audio thread.</summary>
    internal void RtBeginPeriod()
    {
        if (Volatile.Read(ref _state) == StopRequested) Interlocked.CompareExchange(ref _state, Stopped, StopRequested);
    }

    /// <summary>Copies a rendered segment of the printed buses into the ring when <paramref name="playing"/>. Audio thread.</summary>
    internal void RtCapture(RenderPlan plan, long position, int count, bool playing)
    {
        if (!playing || Volatile.Read(ref _state) != Capturing) return;
        if (!ReferenceEquals(plan, _sourcePlan)) RtResolve(plan);
        if (!_started)
        {
            _started = true;
            Interlocked.Exchange(ref _start, position);
        }
        else if (position != _next) Interlocked.Increment(ref _discontinuities);
        _next = position + count;
        if (!Ring.RtTryWrite(_sources, 0, count))
        {
            Interlocked.Add(ref _overrunFrames, count);
            Interlocked.Increment(ref _discontinuities);
        }
    }

    /// <summary>Asks the audio thread to stop capturing at its next period; control side.</summary>
    internal void RequestStop() => Interlocked.CompareExchange(ref _state, StopRequested, Capturing);

    /// <summary>Stops without the audio thread's acknowledgement (it is not running); control side.</summary>
    internal void ForceStop() => Volatile.Write(ref _state, Stopped);

    /// <summary>Waits for the disk thread to write what the ring holds, commit the prints and report; control side, after the stop.</summary>
    internal RecordPrintReport Finish() => _disk.Finish(OverrunFrames, Discontinuities);

    // Points each ring channel at the new plan's bus buffer (silence when the plan lost that bus or channel). Runs once per swapped-in plan.
    private void RtResolve(RenderPlan plan)
    {
        var buses = plan.Buses;
        for (int k = 0; k < _channels.Length; k++)
        {
            _sources[k] = _silence;
            for (int b = 0; b < buses.Count; b++)
            {
                if (buses[b].Id != _channels[k].BusId) continue;
                if (_channels[k].Channel < buses[b].Layout.ChannelCount) _sources[k] = buses[b].PostFaderBuffers[_channels[k].Channel];
                break;
            }
        }
        _sourcePlan = plan;
    }
}
