using System.Collections.Concurrent;
using System.Diagnostics;
using MixEngine.Automation;
using MixEngine.Realtime;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The control side's feedback thread (<see cref="IFeedbackHub"/>): every tick it drains the engine's stamped moves to
/// the registered <see cref="IControlMoveSink"/>s (pass starts, ends and jumps to those that are <see cref="IPassSink"/>s),
/// delivers touches, automation mode changes and marker changes to every subscriber, and, for each subscriber whose
/// declared interval has passed, the value every parameter shows where it changed since its last delivery (what its
/// automation lane plays, published by the audio thread in <see cref="PlayedValues"/>, while one plays it; else the
/// newest value set: played values are shown, never set back into the engine, the value board or the lanes), the
/// transport when it moved, the monitor section and the record arms when they changed, and the newest meter readings the audio thread published. Parameter changes are found by comparing per-slot versions of the
/// <see cref="MixControl"/>'s value board and of the played values with the versions last delivered to the subscriber, so a flood costs one
/// delivery per parameter per interval and memory is fixed; a subscriber's own changes are skipped unless its
/// <see cref="FeedbackRates.EchoOwnChanges"/> asks for them. Steady-state delivery allocates nothing.
/// <para>Thread rules: <see cref="Subscribe"/>, <see cref="AddMoveSink"/> and disposing their results from any control
/// thread; <see cref="Pump"/> only from the hub's own thread, or from one owner thread when
/// <see cref="FeedbackHubOptions.OwnThread"/> is false. Callbacks run on that thread, one at a time.</para>
/// </summary>
public sealed class FeedbackHub : IFeedbackHub, IDisposable
{
    private readonly MixControl _control;
    private readonly RealtimeEngine _engine;
    private readonly FeedbackHubOptions _options;
    private readonly CommandRing<TouchNotice> _touches = new(4096);
    private readonly TouchNotice[] _touchBatch = new TouchNotice[4096];
    private readonly ConcurrentQueue<AutomationModeChange> _modes = new();
    private readonly List<AutomationModeChange> _modeBatch = [];
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];
    private IControlMoveSink[] _moveSinks = [];
    private readonly Thread? _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _touchesDropped, _callbackErrors, _movesDelivered;
    private MeterReadings? _meters;
    private long _meterVersion;

    internal FeedbackHub(MixControl control, RealtimeEngine engine, FeedbackHubOptions options)
    {
        if (options.Tick <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.Tick, "the feedback hub's tick must be positive");
        _control = control;
        _engine = engine;
        _options = options;
        if (!options.OwnThread) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "feedback hub" };
        _thread.Start();
    }

    /// <summary>Touch notices lost because 4096 were waiting (the hub's thread is not running); any thread.</summary>
    public long TouchesDropped => Interlocked.Read(ref _touchesDropped);

    /// <summary>Callbacks that threw (each also reported to <see cref="FeedbackHubOptions.OnSubscriberError"/>); any thread.</summary>
    public long CallbackErrors => Interlocked.Read(ref _callbackErrors);

    /// <summary>Stamped moves handed to move sinks so far; any thread.</summary>
    public long MovesDelivered => Interlocked.Read(ref _movesDelivered);

    /// <inheritdoc/>
    public IDisposable Subscribe(IFeedbackSubscriber subscriber, FeedbackRates rates)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(rates);
        var subscription = new Subscription(this, subscriber, rates, _engine.SlotCapacity);
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    /// <summary>Delivers stamped moves to <paramref name="sink"/> on the hub's thread until the result is disposed; any control thread.</summary>
    public IDisposable AddMoveSink(IControlMoveSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate) _moveSinks = [.. _moveSinks, sink];
        return new MoveSinkRegistration(this, sink);
    }

    /// <summary>
    /// One round of work at hub time <paramref name="now"/> (time since the hub started): moves, touches, and what is
    /// due per subscriber. The hub's thread calls it every tick; with <see cref="FeedbackHubOptions.OwnThread"/> false the
    /// owner calls it (one thread).
    /// </summary>
    public void Pump(TimeSpan now)
    {
        DrainMoves();
        var subscriptions = Volatile.Read(ref _subscriptions);
        int touches = 0;
        while (touches < _touchBatch.Length && _touches.RtTryDequeue(out var notice)) _touchBatch[touches++] = notice;
        _modeBatch.Clear();
        while (_modes.TryDequeue(out var mode)) _modeBatch.Add(mode);
        var slots = _control.Slots;
        var values = _control.Values;
        var played = _engine.Played;
        RefreshMeters();
        var monitor = _control.PublishedMonitor;
        var markers = _control.PublishedMarkers;
        var arms = _control.PublishedRecordArm;
        foreach (var s in subscriptions)
        {
            if (s.Disposed) continue;
            s.DeliverMonitor(monitor);
            s.DeliverMarkers(markers);
            s.DeliverRecordArm(arms);
            for (int i = 0; i < touches; i++) s.DeliverTouch(slots, _touchBatch[i]);
            s.DeliverModes(slots, _modeBatch);
            s.DeliverParameters(now, slots, values, played);
            s.DeliverTransport(now);
            s.DeliverMeters(now, _meters!, _meterVersion);
        }
    }

    /// <summary>Hub time now (what the hub's thread passes to <see cref="Pump"/>).</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Stops the hub's thread (waits for the current round); control side.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
    }

    internal void NoteTouch(int slot, bool touched, ControlClientId client)
    {
        if (!_touches.TryEnqueue(new TouchNotice(slot, touched, client.Value))) Interlocked.Increment(ref _touchesDropped);
    }

    internal void NoteAutomationMode(AutomationModeChange change) => _modes.Enqueue(change);

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_options.Tick)) Pump(_clock.Elapsed);
    }

    /// <summary>Copies the newest published meter readings; a new copy buffer only when the engine swapped plans.</summary>
    private void RefreshMeters()
    {
        var source = _engine.Meters;
        if (_meters?.Source != source) _meters = new MeterReadings(source);
        if (_meters.Refresh()) _meterVersion++;
    }

    private void DrainMoves()
    {
        var sinks = Volatile.Read(ref _moveSinks);
        var slots = _control.Slots;
        while (_engine.TryTakeMove(out var stamped))
        {
            if (stamped.Kind == StampedKind.Command)
            {
                if (!_engine.TryGetPassCommand((long)stamped.Value, out var command)) continue;
                foreach (var sink in sinks)
                    if (sink is IPassSink pass) Deliver(pass, stamped.Position, command);
                continue;
            }
            if (stamped.Kind is StampedKind.PassStart or StampedKind.PassEnd or StampedKind.Jump)
            {
                var values = stamped.Kind == StampedKind.PassStart ? PassStartValues(slots, (long)stamped.Value) : [];
                foreach (var sink in sinks)
                    if (sink is IPassSink pass) Deliver(pass, stamped, values);
                continue;
            }
            var descriptor = slots.DescriptorOf(stamped.Slot);
            if (descriptor is null) continue;
            var move = new ControlMove(stamped.Position, descriptor.Address, (ControlMoveKind)stamped.Kind, stamped.Value, stamped.Client);
            foreach (var sink in sinks)
            {
                try
                {
                    sink.OnControlMove(move);
                }
                catch (Exception e)
                {
                    Report(sink.GetType().Name, e);
                }
            }
            Interlocked.Increment(ref _movesDelivered);
        }
    }

    /// <summary>Every known slot value at the start of pass <paramref name="pass"/> by address; empty when the engine no longer holds them.</summary>
    private List<(ParameterAddress Address, double Value)> PassStartValues(ParameterSlots slots, long pass)
    {
        var values = new double[_engine.SlotCapacity];
        var list = new List<(ParameterAddress, double)>();
        if (!_engine.TryGetPassStartValues(pass, values)) return list;
        for (int slot = 0; slot < values.Length; slot++)
            if (!double.IsNaN(values[slot]) && slots.DescriptorOf(slot) is { } descriptor) list.Add((descriptor.Address, values[slot]));
        return list;
    }

    private void Deliver(IPassSink sink, in StampedMove mark, IReadOnlyList<(ParameterAddress Address, double Value)> values)
    {
        try
        {
            if (mark.Kind == StampedKind.PassStart) sink.OnPassStart(mark.Position, values);
            else if (mark.Kind == StampedKind.PassEnd) sink.OnPassEnd(mark.Position);
            else sink.OnJump(mark.Position, (long)mark.Value);
        }
        catch (Exception e)
        {
            Report(sink.GetType().Name, e);
        }
    }

    private void Deliver(IPassSink sink, long position, PassCommand command)
    {
        try
        {
            sink.OnCommand(position, command);
        }
        catch (Exception e)
        {
            Report(sink.GetType().Name, e);
        }
    }

    private void Report(string name, Exception e)
    {
        Interlocked.Increment(ref _callbackErrors);
        _options.OnSubscriberError?.Invoke(name, e);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions = Array.FindAll(_subscriptions, s => s != subscription);
    }

    private void Remove(IControlMoveSink sink)
    {
        lock (_gate) _moveSinks = Array.FindAll(_moveSinks, s => s != sink);
    }

    private readonly record struct TouchNotice(int Slot, bool Touched, int Client);

    private sealed class MoveSinkRegistration(FeedbackHub hub, IControlMoveSink sink) : IDisposable
    {
        public void Dispose() => hub.Remove(sink);
    }

    /// <summary>One subscriber's delivery state: versions and transport last delivered, and when each kind is next due.</summary>
    private sealed class Subscription(FeedbackHub hub, IFeedbackSubscriber subscriber, FeedbackRates rates, int slotCapacity) : IDisposable
    {
        private readonly long[] _delivered = new long[slotCapacity];
        private readonly long[] _playedDelivered = new long[slotCapacity];
        private bool _initialParameters = true, _initialTransport = true, _initialModes = true, _initialMonitor = true, _initialMarkers = true, _initialArms = true;
        private long _monitorVersion, _markersVersion, _armVersion;
        private long _boardVersion = -1, _playedVersion = -1;
        private TimeSpan _nextParameters, _nextPlayed, _nextTransport, _nextMeters;
        private long _meterVersion;
        private TransportSnapshot _lastTransport;

        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Disposed = true;
            hub.Remove(this);
        }

        public void DeliverTouch(ParameterSlots slots, TouchNotice notice)
        {
            if (notice.Client == rates.Client.Value && rates.Client != ControlClientId.None && !rates.EchoOwnChanges) return;
            if (slots.DescriptorOf(notice.Slot) is not { } descriptor) return;
            var change = new TouchChange(new ParameterHandle(notice.Slot, descriptor), notice.Touched, new ControlClientId(notice.Client));
            try
            {
                subscriber.OnTouchChanged(change);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        /// <summary>The modes changed since the last round; on the first round instead every strip's mode and every parameter's own mode.</summary>
        public void DeliverModes(ParameterSlots slots, List<AutomationModeChange> changes)
        {
            if (_initialModes)
            {
                _initialModes = false;
                foreach (var change in CurrentModes(slots)) DeliverMode(change);
                return;
            }
            foreach (var change in changes)
                if (change.Source == ControlClientId.None || change.Source != rates.Client || rates.EchoOwnChanges) DeliverMode(change);
        }

        private static IEnumerable<AutomationModeChange> CurrentModes(ParameterSlots slots)
        {
            var automation = slots.Session.Automation;
            var strips = slots.Descriptors.Select(d => SessionAutomation.TargetOf(d.Address.ToString())).Distinct(StringComparer.Ordinal);
            foreach (string strip in strips)
                yield return new AutomationModeChange(strip, null, automation.Modes.GetValueOrDefault(strip, AutomationModeSetting.Default), ControlClientId.None);
            foreach (var lane in automation.Lanes)
                if (lane.Mode is { } mode && slots.TryResolve(lane.Address) is { } parameter)
                    yield return new AutomationModeChange(lane.Address, parameter, mode, ControlClientId.None);
        }

        private void DeliverMode(in AutomationModeChange change)
        {
            try
            {
                subscriber.OnAutomationModeChanged(change);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        /// <summary>
        /// The value each parameter shows, where it changed since the last delivery: what automation plays while a lane
        /// plays it (<see cref="PlayedValues"/>, due every <see cref="FeedbackRates.PlayedAutomation"/> or parameter
        /// interval, whichever is longer), else the newest value set (due every parameter interval; a subscriber's own
        /// sets are skipped unless it echoes them, except when a lane stops playing and the set value shows again).
        /// </summary>
        public void DeliverParameters(TimeSpan now, ParameterSlots slots, ParameterValueBoard values, PlayedValues played)
        {
            if (rates.Parameters == FeedbackRates.Never) return;
            bool setDue = now >= _nextParameters, playedDue = now >= _nextPlayed, initial = _initialParameters;
            long boardVersion = values.Version, playedVersion = played.Version;
            bool setChanged = setDue && boardVersion != _boardVersion, playedChanged = playedDue && playedVersion != _playedVersion;
            if (!initial && !setChanged && !playedChanged) return;
            bool deliveredSet = false, deliveredPlayed = false;
            for (int slot = 0; slot < slots.UsedSlots; slot++)
            {
                long setVersion = values.VersionOf(slot), playVersion = played.VersionOf(slot);
                bool newSet = setChanged && setVersion != _delivered[slot], newPlayed = playedChanged && playVersion != _playedDelivered[slot];
                if (!initial && !newSet && !newPlayed) continue;
                if (slots.DescriptorOf(slot) is not { } descriptor) continue;
                double shown = played.Value(slot);
                ParameterChange change;
                if (!double.IsNaN(shown))
                {
                    _delivered[slot] = setVersion; // a value set while automation plays is not what the control shows
                    if (!initial && !newPlayed) continue;
                    _playedDelivered[slot] = playVersion;
                    change = new ParameterChange(new ParameterHandle(slot, descriptor), shown, ParameterTaper.ToNormalized(descriptor, shown),
                        ControlClientId.None, ParameterOrigin.Played);
                    deliveredPlayed = true;
                }
                else
                {
                    var (value, source, read) = values.Read(slot);
                    bool laneStopped = playVersion != _playedDelivered[slot];
                    _delivered[slot] = read;
                    _playedDelivered[slot] = playVersion;
                    if (!initial && !laneStopped && source == rates.Client && source != ControlClientId.None && !rates.EchoOwnChanges) continue;
                    change = new ParameterChange(new ParameterHandle(slot, descriptor), value, ParameterTaper.ToNormalized(descriptor, value), source);
                    if (laneStopped) deliveredPlayed = true;
                    else deliveredSet = true;
                }
                try
                {
                    subscriber.OnParameterChanged(change);
                }
                catch (Exception e)
                {
                    hub.Report(rates.Name, e);
                }
            }
            _initialParameters = false;
            if (setChanged || initial) _boardVersion = boardVersion;
            if (playedChanged || initial) _playedVersion = playedVersion;
            if (deliveredSet) _nextParameters = now + rates.Parameters;
            if (deliveredPlayed) _nextPlayed = now + (rates.PlayedAutomation > rates.Parameters ? rates.PlayedAutomation : rates.Parameters);
        }

        public void DeliverMonitor(MonitorState? published)
        {
            if (!_initialMonitor && (published is null || published.Version == _monitorVersion)) return;
            var state = published ?? hub._control.Monitor;
            bool initial = _initialMonitor;
            _initialMonitor = false;
            _monitorVersion = state.Version;
            if (!initial && state.ChangedBy == rates.Client && rates.Client != ControlClientId.None && !rates.EchoOwnChanges) return;
            try
            {
                subscriber.OnMonitor(state);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        /// <summary>The markers when they changed since the last delivery (to every subscriber: markers are state, not an echo), or on the first round.</summary>
        public void DeliverMarkers(MarkerState? published)
        {
            if (!_initialMarkers && (published is null || published.Version == _markersVersion)) return;
            var state = published ?? hub._control.MarkerState;
            _initialMarkers = false;
            _markersVersion = state.Version;
            try
            {
                subscriber.OnMarkers(state);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        public void DeliverRecordArm(RecordArmState? published)
        {
            if (!_initialArms && (published is null || published.Version == _armVersion)) return;
            var state = hub._control.RecordArm; // names as the current session spells them
            bool initial = _initialArms;
            _initialArms = false;
            _armVersion = state.Version;
            if (!initial && state.ChangedBy == rates.Client && rates.Client != ControlClientId.None && !rates.EchoOwnChanges) return;
            try
            {
                subscriber.OnRecordArm(state);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        public void DeliverMeters(TimeSpan now, MeterReadings meters, long version)
        {
            if (rates.Meters == FeedbackRates.Never || now < _nextMeters || version == _meterVersion) return;
            _meterVersion = version;
            _nextMeters = now + rates.Meters;
            try
            {
                subscriber.OnMeters(meters);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }

        public void DeliverTransport(TimeSpan now)
        {
            if (rates.Transport == FeedbackRates.Never || now < _nextTransport) return;
            var t = hub._engine.ReadTransport();
            if (!_initialTransport && t.State == _lastTransport.State && t.Position == _lastTransport.Position
                && t.Loop == _lastTransport.Loop && t.PreRoll == _lastTransport.PreRoll) return;
            _initialTransport = false;
            _lastTransport = t;
            _nextTransport = now + rates.Transport;
            try
            {
                subscriber.OnTransport(t);
            }
            catch (Exception e)
            {
                hub.Report(rates.Name, e);
            }
        }
    }
}
