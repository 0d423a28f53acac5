using System.Diagnostics;
using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// The realtime driver: the device callback that, once per period, takes a newly installed plan (swapping at the block
/// boundary), drains transport commands, touches and the coalesced parameter mailbox (stamping every applied value and
/// touch with the block's session position into a preallocated return ring), renders the period through the current
/// plan in transport segments (loop wraps and pre-roll ends are sample-exact), copies the bus outputs to the device
/// ports, publishes the transport through a seqlock and what each automation lane plays (<see cref="Played"/>, for
/// surfaces to follow) and records the block time. The plan's phases and the meters run on
/// a realtime <see cref="RenderWorkers"/> team that the audio thread drives (<see cref="RealtimeEngineOptions.RenderThreads"/>;
/// the output is identical for any team size).
/// <para>Thread rules: <see cref="RtRender"/> runs on the device's audio thread only and never allocates, locks, logs
/// or throws; the team's workers run items of it under the same rules and block on a lock-free wake signal between periods. Every other member is control side: <c>Request*</c> queue commands without blocking, <see cref="Install"/>
/// hands over a new plan, <see cref="CollectRetired"/> disposes plans the audio thread has let go of (plans are never
/// disposed on the audio thread), <see cref="TryTakeMove"/> drains the stamped moves (one consumer). Slots start as the
/// addresses of the session's <see cref="ParameterCatalog"/> at construction, in catalog order, followed by
/// <see cref="RealtimeEngineOptions.SlotHeadroom"/> unused slots; a later plan is installed with its own slot-to-address
/// map (<see cref="Install(RenderPlan, IReadOnlyList{string})"/>), so a slot keeps meaning one parameter across swaps.</para>
/// </summary>
public sealed partial class RealtimeEngine : IAudioDeviceCallback, IDisposable
{
    private const int TransportFields = 6;
    private readonly ParameterMailbox _mailbox;
    private readonly CommandRing<TransportCommand> _transportCommands = new(256);
    private readonly CommandRing<TouchCommand> _touches;
    private readonly TouchCommand[] _releases;
    private readonly CommandRing<PassCommandTicket> _passCommands = new(256);
    private readonly PassCommandTicket[] _passTaken = new PassCommandTicket[256];
    private readonly CommandRing<StampedMove> _moves;
    private long _movesDropped;
    private readonly int _meterInterval;
    private readonly Transport _transport = new();
    private readonly SeqlockSnapshot _transportSnapshot = new(TransportFields);
    private readonly double[] _transportRead = new double[TransportFields];
    private readonly IReadOnlyList<(string BusId, int Channel)> _ports;
    private readonly MixSession _session;
    private PlanInstallation _current;
    private readonly bool _hugePages;
    private PlanInstallation? _pending;
    private PlanInstallation? _retired;
    private RecordPrint? _recordPrint;
    private readonly LivePass _livePass;
    private long _blocks;
    private int _valuesApplied;
    private readonly RenderWorkers? _workers;
    private readonly BlockTrace? _trace;
    private readonly bool _metersOnDemand;
    private readonly int _realtimePriority;
    private int _audioPriorityResult = RealtimePriority.NotRequested;
    private readonly int _audioCpu = -1;
    private long _workerAllocatedSeen;
    private readonly MonitorPath? _monitor;
    private readonly bool _monitorPlays;
    private readonly object _monitorGate = new();
    private MonitorRequest _monitorRequest;
    private MonitorSelection? _monitorSelection;

    /// <summary>
    /// Creates the engine around <paramref name="plan"/> (the engine owns it from now on), playing the listed bus
    /// channels (zero-based) to the device ports in order, with the queue capacities of <paramref name="options"/> (default
    /// <see cref="RealtimeEngineOptions.Default"/>); control side. Throws naming a port whose bus or channel is missing.
    /// </summary>
    public RealtimeEngine(RenderPlan plan, IReadOnlyList<(string BusId, int Channel)> ports, int deviceBlockSize, RealtimeEngineOptions? options = null)
    {
        options ??= RealtimeEngineOptions.Default;
        _session = plan.Session;
        string?[] addresses = ParameterCatalog.For(plan.Session).Parameters.Select(p => p.Descriptor.Address.ToString()).ToArray();
        _ports = ports.ToArray();
        SlotCapacity = addresses.Length + options.SlotHeadroom;
        _mailbox = new ParameterMailbox(SlotCapacity);
        Played = new PlayedValues(SlotCapacity);
        _touches = new CommandRing<TouchCommand>(options.TouchRingCapacity);
        _releases = new TouchCommand[_touches.Capacity];
        _moves = new CommandRing<StampedMove>(options.MoveRingCapacity);
        if (!(options.MeterRateHz is > 0 and <= 1000))
            throw new ArgumentOutOfRangeException(nameof(options), options.MeterRateHz, "meter rate must be above 0 and at most 1000 Hz");
        if (options.RenderThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.RenderThreads, "RenderThreads must be at least 1 (the audio thread)");
        if (options.RealtimePriority is < 0 or > 99)
            throw new ArgumentOutOfRangeException(nameof(options), options.RealtimePriority, "RealtimePriority must be 0 (ordinary scheduling) or a SCHED_FIFO priority 1 … 99");
        _realtimePriority = options.RealtimePriority;
        if (_realtimePriority > 0) RealtimePriority.Prepare();
        if (options.BlockTraceCapacity < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.BlockTraceCapacity, "BlockTraceCapacity must be 0 (no trace) or more");
        _meterInterval = Math.Max(1, (int)Math.Round(plan.SampleRate / options.MeterRateHz));
        string? printmaster = PlanMeters.Printmaster(plan.Session);
        _monitor = printmaster is null ? null : new MonitorPath(plan.Bus(printmaster).Layout, plan.BlockSize);
        _monitorPlays = _ports.Any(p => p.BusId == MonitorPath.PortBus);
        _monitorRequest = new MonitorRequest(printmaster, [], false);
        _metersOnDemand = options.MetersOnDemand;
        plan.CueMedia(_transport.Position); // the first play from the start reads nothing from disk on the audio thread
        _current = new PlanInstallation(plan, addresses, SlotCapacity, _ports, [], _meterInterval, null, _monitor, _monitorRequest, _metersOnDemand);
        _livePass = new LivePass(this, SlotCapacity, plan.SampleRate);
        _livePass.Glides.RtSeed(_current.SlotValues);
        Timing = new BlockTimer(plan.SampleRate, deviceBlockSize);
        if (options.BlockTraceCapacity > 0)
        {
            _trace = new BlockTrace(options.BlockTraceCapacity, Timing.PeriodMicroseconds);
            plan.PhaseTimes = _trace.Phases;
        }
        if (options.RenderCpus is { } cpus) _audioCpu = PrepareCpus(cpus, options.RenderThreads);
        _hugePages = options.HugePages;
        HugePagesStatus = _hugePages ? RealtimeEngineMemory.UseHugePages(plan).ToString() : "not requested";
        _workers = options.RenderThreads > 1 ? new RenderWorkers(options.RenderThreads, RenderWorkerWaiting.Realtime, options.RealtimePriority, options.RenderCpus?.Skip(1).ToArray()) : null;
        RtPublishTransport();
    }

    /// <summary>Threads that render each period, the audio thread included (<see cref="RealtimeEngineOptions.RenderThreads"/>).</summary>
    public int RenderThreads => _workers?.ThreadCount ?? 1;

    /// <summary>
    /// Items of the plan's and the meters' phases the render team ran since the engine started, and how many of them
    /// ran on its worker threads rather than the audio thread (0 of 0 without a team); any control thread.
    /// </summary>
    public (long Items, long OnWorkers) RenderTeamItems => _workers is null ? (0, 0) : (_workers.ItemsRun, _workers.WorkerItemsRun);

    /// <summary>
    /// What became of <see cref="RealtimeEngineOptions.RealtimePriority"/> for the audio thread (known after its first period)
    /// and each render worker, e.g. "audio thread: SCHED_FIFO priority 70; worker 1: SCHED_FIFO priority 70", with how to
    /// grant it when refused; "not requested" when the option is 0. Control side (allocates).
    /// </summary>
    public string RealtimePriorityStatus
    {
        get
        {
            if (_realtimePriority == 0) return "not requested";
            var parts = new List<string>
            {
                Volatile.Read(ref _audioPriorityResult) is var audio && audio == RealtimePriority.NotRequested
                    ? "audio thread: no period rendered yet"
                    : $"audio thread: {RealtimePriority.Describe(audio, _realtimePriority)}",
            };
            var workers = _workers?.WorkerPriorityResults ?? [];
            for (int w = 0; w < workers.Count; w++)
                parts.Add(workers[w] == RealtimePriority.NotRequested ? $"worker {w + 1}: not started yet" : $"worker {w + 1}: {RealtimePriority.Describe(workers[w], _realtimePriority)}");
            return string.Join("; ", parts);
        }
    }

    /// <summary>
    /// What became of <see cref="RealtimeEngineOptions.HugePages"/> at construction (or at the last
    /// <see cref="CollapseHeapIntoHugePages"/>), e.g. "heap reservation of 256 GiB marked for huge pages, 24 MiB collapsed
    /// now; 30 of 31 MiB resident in huge pages", "not used (transparent huge pages are off (never))" or "not requested".
    /// </summary>
    public string HugePagesStatus { get; private set; }

    /// <summary>
    /// Collapses the heap into huge pages again and returns the new <see cref="HugePagesStatus"/>: for after a compacting
    /// collection (serve's start-up collection moves the plan into regions the construction's collapse did not see).
    /// Control side, before the device starts (reads /proc and makes system calls; may take milliseconds).
    /// </summary>
    public string CollapseHeapIntoHugePages()
    {
        if (_hugePages) HugePagesStatus = RealtimeEngineMemory.UseHugePages(Volatile.Read(ref _current).Plan).ToString();
        return HugePagesStatus;
    }

    /// <summary>The session of the plan the engine was created with (its catalog numbers the first slots).</summary>
    public MixSession Session => _session;

    /// <summary>Block timing statistics of the audio thread; read them from a control thread.</summary>
    public BlockTimer Timing { get; }

    /// <summary>The per-period trace (<see cref="RealtimeEngineOptions.BlockTraceCapacity"/>), or null when not tracing; read its records after the device stopped.</summary>
    public BlockTrace? Trace => _trace;

    /// <summary>Parameter addresses (name form) of the newest installed plan in slot order (the index is what <see cref="RequestParameter"/> takes); null for a retired slot. Control side.</summary>
    public IReadOnlyList<string?> SlotAddresses => (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).SlotAddresses;

    /// <summary>The meter taps of the plan the audio thread plays now (replaced at a plan swap); read their snapshot from any control thread.</summary>
    public PlanMeters Meters => Volatile.Read(ref _current).Meters;

    /// <summary>Restarts the printmaster's integrated loudness at the next block; any control thread.</summary>
    public void RequestLoudnessReset()
    {
        (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).Meters.RequestLoudnessReset();
        Volatile.Read(ref _current).Meters.RequestLoudnessReset();
    }

    /// <summary>The live automation pass: the control side sets each slot's writing behaviour and the AutoMatch/timeout times on it.</summary>
    internal LivePass LivePass => _livePass;

    /// <summary>What the plan's automation lanes play, per slot, published after every period (the feedback hub shows it on surfaces); read from any control thread.</summary>
    public PlayedValues Played { get; }

    /// <summary>How many parameter slots the engine has (the first session's catalog plus the headroom).</summary>
    public int SlotCapacity { get; }

    /// <summary>How many stamped moves the return ring holds.</summary>
    public int MoveRingCapacity => _moves.Capacity;

    /// <summary>Stamped moves the audio thread could not queue because the return ring was full; any thread.</summary>
    public long MovesDropped => Interlocked.Read(ref _movesDropped);

    /// <summary>Device port names for <see cref="IAudioDevice.Open"/>: "bus name.speaker label" per port ("monitor.L" for the monitor path); control side.</summary>
    public IReadOnlyList<string> PortNames()
    {
        var plan = _current.Plan;
        return _ports.Select(p => p.BusId == MonitorPath.PortBus
            ? $"{OutputPort.MonitorPrefix}.{_monitor!.Layout.Labels[p.Channel]}"
            : $"{plan.Bus(p.BusId).Name}.{plan.Bus(p.BusId).Layout.Labels[p.Channel]}").ToArray();
    }

    /// <summary>Queues the newest value of a parameter slot (coalesced with any value not applied yet), made by <paramref name="client"/>; any control thread.</summary>
    public void RequestParameter(int slot, double value, ControlClientId client = default)
    {
        if ((uint)slot >= (uint)SlotCapacity)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the engine has {SlotCapacity} parameter slots");
        _mailbox.Post(slot, value, client.Value);
    }

    /// <summary>
    /// Queues a touch (<paramref name="touched"/> true) or release of a slot by <paramref name="client"/>, with the newest
    /// value requested at that moment; the audio thread stamps it with the block position. Throws
    /// <see cref="InvalidOperationException"/> when the touch ring is full (the audio thread is not running). Any control thread.
    /// </summary>
    public void RequestTouch(int slot, ControlClientId client, bool touched, double value)
    {
        if ((uint)slot >= (uint)SlotCapacity)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the engine has {SlotCapacity} parameter slots");
        if (!_touches.TryEnqueue(new TouchCommand(slot, client.Value, touched, value)))
            throw new InvalidOperationException($"touch of slot {slot} refused: {_touches.Capacity} touches are already waiting; is the device running?");
    }

    /// <summary>Takes the oldest stamped move the audio thread applied; false when none is waiting. One control thread at a time (the move pump).</summary>
    public bool TryTakeMove(out StampedMove move) => _moves.RtTryDequeue(out move);

    /// <summary>
    /// Copies every slot's value at the start of the pass a <see cref="StampedKind.PassStart"/> stamp numbers (its
    /// <see cref="StampedMove.Value"/>) into <paramref name="into"/> (NaN where the engine knows none); false when that
    /// pass is too far behind the newest one. The move pump's thread, when it takes the stamp.
    /// </summary>
    public bool TryGetPassStartValues(long pass, double[] into) => _livePass.Starts.TryRead(pass, into);

    /// <summary>Queues a transport command; throws <see cref="InvalidOperationException"/> when 256 commands are already waiting (the audio thread is not running). Any control thread.</summary>
    public void RequestTransport(TransportCommand command)
    {
        if (!_transportCommands.TryEnqueue(command))
            throw new InvalidOperationException($"transport command {command.Action} refused: {_transportCommands.Capacity} commands are already waiting; is the device running?");
    }

    /// <summary>The transport as last published at a block boundary, with the playhead's timecode; any control thread.</summary>
    public TransportSnapshot ReadTransport()
    {
        lock (_transportRead)
        {
            _transportSnapshot.Read(_transportRead);
            var f = _transportRead;
            long position = (long)f[1];
            var timecode = Timecode.FromSamplesSinceMidnight(_session.StartSamplesSinceMidnight + position, _session.SampleRate, _session.TimecodeRate);
            LoopRange? loop = f[3] > f[2] ? new LoopRange((long)f[2], (long)f[3]) : null;
            return new TransportSnapshot((TransportState)(int)f[0], position, timecode, loop, (long)f[4], (long)f[5]);
        }
    }

    /// <summary>
    /// Hands <paramref name="plan"/> to the audio thread, which swaps it in at the next block boundary (the engine owns it
    /// from now on); a plan installed before the previous one was taken replaces it and is disposed here. Control side.
    /// </summary>
    public void Install(RenderPlan plan) => Install(plan, SlotAddresses);

    /// <summary>
    /// As <see cref="Install(RenderPlan)"/>, with the plan's address (name form) for each slot: slot i drives the plan's
    /// parameter at <paramref name="slotAddresses"/>[i] (nothing when null or absent). At most <see cref="SlotCapacity"/>
    /// entries. Control side.
    /// </summary>
    public void Install(RenderPlan plan, IReadOnlyList<string?> slotAddresses) => Install(plan, slotAddresses, []);

    /// <summary>
    /// As <see cref="Install(RenderPlan, IReadOnlyList{string})"/>, and the audio thread sets each (slot, value) of
    /// <paramref name="carriedValues"/> on the new plan as it swaps it in, before the first block (values the
    /// control side had set live, which the plan's session may not carry). Control side.
    /// </summary>
    public void Install(RenderPlan plan, IReadOnlyList<string?> slotAddresses, IReadOnlyList<(int Slot, double Value)> carriedValues)
    {
        if (slotAddresses.Count > SlotCapacity)
            throw new ArgumentException($"the plan maps {slotAddresses.Count} parameter slots but the engine has {SlotCapacity}; create the engine with more RealtimeEngineOptions.SlotHeadroom", nameof(slotAddresses));
        if (_trace is not null) plan.PhaseTimes = _trace.Phases;
        lock (_monitorGate)
        {
            var previous = Volatile.Read(ref _pending) ?? Volatile.Read(ref _current);
            var installation = new PlanInstallation(plan, slotAddresses.ToArray(), SlotCapacity, _ports, carriedValues, _meterInterval, previous.Meters,
                _monitor, _monitorRequest, _metersOnDemand);
            Interlocked.Exchange(ref _pending, installation)?.Plan.Dispose();
        }
    }

    /// <summary>The monitor path (printmaster layout), or null when the session has no bus; control side sets its dim and mono.</summary>
    public MonitorPath? Monitor => _monitor;

    /// <summary>
    /// Selects what the monitor path plays from the next segment on: the source bus, or the strips listened to (AFL/PFL);
    /// plans installed later resolve the same request. Does nothing without a monitor path. Control side (allocates).
    /// </summary>
    public void SetMonitor(MonitorRequest request)
    {
        if (_monitor is null) return;
        lock (_monitorGate)
        {
            _monitorRequest = request;
            var newest = Volatile.Read(ref _pending) ?? Volatile.Read(ref _current);
            Volatile.Write(ref _monitorSelection, MonitorSelection.For(newest.Plan, _monitor.Layout, request));
        }
    }

    /// <summary>Disposes the plan the audio thread swapped out, if any; returns true when one was disposed. Control side (call it periodically).</summary>
    public bool CollectRetired()
    {
        var retired = Interlocked.Exchange(ref _retired, null);
        retired?.Plan.Dispose();
        return retired is not null;
    }

    /// <summary>Renders one period into the device ports. Audio thread only.</summary>
    public void RtRender(double[][] outputs, int frames)
    {
        long started = Stopwatch.GetTimestamp();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var trace = _trace;
        trace?.RtBegin(started);
        if (_audioPriorityResult == RealtimePriority.NotRequested && _realtimePriority > 0)
            Volatile.Write(ref _audioPriorityResult, RealtimePriority.RtApplyToCurrentThread(_realtimePriority));
        if (_audioCpu >= 0 && Environment.CurrentManagedThreadId != _pinnedThreadId) RtPinAudioThread();
        var next = Interlocked.Exchange(ref _pending, null);
        if (next is not null)
        {
            // The control side collects the retired plan; if it has not collected the previous one yet, this one waits in _pending's place.
            if (Interlocked.CompareExchange(ref _retired, _current, null) is null)
            {
                next.RtAdoptLiveOverrides(_current);
                _livePass.Glides.RtSeed(next.SlotValues);
                next.RtUnpublishDropped(_current, Played);
                Volatile.Write(ref _current, next);
                next.RtApplyCarriedValues();
                _valuesApplied++;
            }
            else Volatile.Write(ref _pending, next);
        }
        var installation = _current;
        while (_transportCommands.RtTryDequeue(out var command)) command.RtApply(_transport);
        var lanes = installation.LaneBySlot;
        _livePass.RtFollow(_transport.State == TransportState.Playing, _transport.Position, lanes, installation.BySlot);
        RtApplyControls(installation.BySlot, lanes);
        // Nothing renders while stopped, so the smoothing of values set now would only start at Play and ramp in there;
        // end it now, and the first sample played has the values. Values set while rolling keep their ramps.
        if (_valuesApplied > 0 && _transport.State == TransportState.Stopped) installation.Plan.RtSettle();
        _valuesApplied = 0;
        trace?.RtControlsDone();

        var plan = installation.Plan;
        var ports = installation.PortBuffers;
        var record = Volatile.Read(ref _recordPrint);
        record?.RtBeginPeriod();
        int done = 0;
        long last = _transport.Position;
        while (done < frames)
        {
            bool playing = _transport.State == TransportState.Playing;
            _livePass.RtFollow(playing, _transport.Position, lanes, installation.BySlot);
            int n = _transport.RtNextSegment(_livePass.RtLimit(_transport.Position, plan.RtBlockLimit(_transport.Position, Math.Min(frames - done, plan.BlockSize))), out long position);
            if (n == 0) break;
            _livePass.RtRendered(position, n, installation.BySlot);
            installation.Meters.RtBeginBlock();
            plan.RtRenderBlock(position, n, _workers);
            last = position + n - 1;
            record?.RtCapture(plan, position, n, playing);
            if (_monitorPlays) RtMonitor(installation, n);
            long metering = trace is null ? 0 : Stopwatch.GetTimestamp();
            installation.Meters.RtMeasure(n, _workers);
            if (trace is not null) trace.RtAddMeters(Stopwatch.GetTimestamp() - metering);
            for (int p = 0; p < outputs.Length && p < ports.Length; p++) Array.Copy(ports[p], 0, outputs[p], done, n);
            done += n;
        }
        for (int p = 0; p < outputs.Length; p++)
            if (p >= ports.Length) Array.Clear(outputs[p], 0, frames);
            else if (done < frames) Array.Clear(outputs[p], done, frames - done);
        long advancing = trace is null ? 0 : Stopwatch.GetTimestamp();
        installation.Meters.RtAdvance(frames, done);
        if (trace is not null) trace.RtAddMeters(Stopwatch.GetTimestamp() - advancing);
        installation.RtPublishPlayed(last, _livePass, Played);
        _workers?.RtPark();
        _blocks++;
        RtPublishTransport();
        long ended = Stopwatch.GetTimestamp();
        trace?.RtEnd(ended, _workers);
        Timing.RtRecord(ended - started);
        Timing.RtCountAllocated(GC.GetAllocatedBytesForCurrentThread() - allocated + RtTakeWorkerAllocated());
    }

    // What the render workers allocated since the previous period (they run only inside RtRender, so it is this period's).
    private long RtTakeWorkerAllocated()
    {
        if (_workers is null) return 0;
        long total = _workers.WorkerAllocatedBytes;
        long fresh = total - _workerAllocatedSeen;
        _workerAllocatedSeen = total;
        return fresh;
    }

    /// <summary>
    /// Starts a record-print take of the current plan's session prints into <paramref name="directory"/>: from the next
    /// period, everything rendered while playing is written to disk in real time (<see cref="RecordPrint"/>). Throws
    /// <see cref="InvalidOperationException"/> when a take is already running or the session has no prints. With
    /// <paramref name="buses"/> (bus ids; null or empty = all) only the prints of those buses are written. Control side.
    /// </summary>
    public RecordPrint StartRecordPrint(string directory, RecordPrintOptions? options = null, IReadOnlyCollection<string>? buses = null)
    {
        if (Volatile.Read(ref _recordPrint) is not null) throw new InvalidOperationException("a record-print take is already running; stop it first");
        var session = Volatile.Read(ref _current).Plan.Session;
        if (buses is { Count: > 0 }) session = session with { Outputs = [.. session.Outputs.Where(o => buses.Contains(o.Bus))] };
        var take = new RecordPrint(session, directory, options ?? RecordPrintOptions.Default);
        if (Interlocked.CompareExchange(ref _recordPrint, take, null) is null) return take;
        take.RequestStop();
        take.ForceStop();
        take.Finish();
        throw new InvalidOperationException("a record-print take is already running; stop it first");
    }

    /// <summary>The running record-print take, or null; control side.</summary>
    public RecordPrint? RecordPrint => Volatile.Read(ref _recordPrint);

    /// <summary>
    /// Stops the running take at the next block boundary (waiting up to <paramref name="acknowledgeTimeout"/> for the audio
    /// thread; a device that is not running is not waited for), lets the disk thread write what is buffered, commits the
    /// prints and returns the report; null when no take runs. Control side; blocks for the disk writes.
    /// </summary>
    public RecordPrintReport? StopRecordPrint(TimeSpan? acknowledgeTimeout = null)
    {
        var take = Volatile.Read(ref _recordPrint);
        if (take is null) return null;
        take.RequestStop();
        var deadline = Stopwatch.GetTimestamp() + (long)((acknowledgeTimeout ?? TimeSpan.FromSeconds(1)).TotalSeconds * Stopwatch.Frequency);
        while (!take.IsStopped && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(1);
        take.ForceStop();
        Interlocked.CompareExchange(ref _recordPrint, null, take);
        return take.Finish();
    }

    /// <summary>Counts an xrun the device reported into <see cref="Timing"/>. Audio or device notification thread.</summary>
    public void RtCountXrun() => Timing.RtCountXrun();

    /// <summary>Stops the render team and disposes the current, pending and retired plans; control side, after the device stopped.</summary>
    public void Dispose()
    {
        _workers?.Dispose();
        CollectRetired();
        Interlocked.Exchange(ref _pending, null)?.Plan.Dispose();
        _current.Plan.Dispose();
    }

    private void RtMonitor(PlanInstallation installation, int count)
    {
        var selection = Volatile.Read(ref _monitorSelection);
        if (selection is null || !ReferenceEquals(selection.Plan, installation.Plan)) selection = installation.Selection;
        _monitor!.RtProcess(selection, count);
    }

    private void RtPublishTransport()
    {
        _transportSnapshot.RtBeginWrite();
        var f = _transportSnapshot.RtValues;
        f[0] = (int)_transport.State;
        f[1] = _transport.Position;
        var loop = _transport.Loop;
        f[2] = loop?.Start ?? 0;
        f[3] = loop?.End ?? 0;
        f[4] = _transport.PreRoll;
        f[5] = _blocks;
        _transportSnapshot.RtEndWrite();
    }
}
