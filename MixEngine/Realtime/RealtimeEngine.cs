using System.Diagnostics;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// The realtime driver: the device callback that, once per period, takes a newly installed plan (swapping at the block
/// boundary), drains transport commands and the coalesced parameter mailbox, renders the period through the current
/// plan in transport segments (loop wraps and pre-roll ends are sample-exact), copies the bus outputs to the device
/// ports, publishes the transport through a seqlock and records the block time.
/// <para>Thread rules: <see cref="RtRender"/> runs on the device's audio thread only and never allocates, locks, logs
/// or throws. Every other member is control side: <c>Request*</c> queue commands without blocking, <see cref="Install"/>
/// hands over a new plan, <see cref="CollectRetired"/> disposes plans the audio thread has let go of (plans are never
/// disposed on the audio thread). Slots are the addresses of the session's <see cref="ParameterCatalog"/> at
/// construction, in catalog order; a later plan maps the same addresses to its own parameters.</para>
/// </summary>
public sealed class RealtimeEngine : IAudioDeviceCallback, IDisposable
{
    private const int TransportFields = 6;
    private readonly ParameterMailbox _mailbox;
    private readonly CommandRing<TransportCommand> _transportCommands = new(256);
    private readonly Transport _transport = new();
    private readonly SeqlockSnapshot _transportSnapshot = new(TransportFields);
    private readonly double[] _transportRead = new double[TransportFields];
    private readonly IReadOnlyList<string> _slotAddresses;
    private readonly IReadOnlyList<(string BusId, int Channel)> _ports;
    private readonly MixSession _session;
    private PlanInstallation _current;
    private PlanInstallation? _pending;
    private PlanInstallation? _retired;
    private long _blocks;

    /// <summary>
    /// Creates the engine around <paramref name="plan"/> (the engine owns it from now on), playing the listed bus
    /// channels (zero-based) to the device ports in order; control side. Throws naming a port whose bus or channel is missing.
    /// </summary>
    public RealtimeEngine(RenderPlan plan, IReadOnlyList<(string BusId, int Channel)> ports, int deviceBlockSize)
    {
        _session = plan.Session;
        _slotAddresses = ParameterCatalog.For(plan.Session).Parameters.Select(p => p.Descriptor.Address.ToString()).ToArray();
        _ports = ports.ToArray();
        _mailbox = new ParameterMailbox(_slotAddresses.Count);
        _current = new PlanInstallation(plan, _slotAddresses, _ports);
        Timing = new BlockTimer(plan.SampleRate, deviceBlockSize);
        RtPublishTransport();
    }

    /// <summary>Block timing statistics of the audio thread; read them from a control thread.</summary>
    public BlockTimer Timing { get; }

    /// <summary>Parameter addresses in slot order (the index is what <see cref="RequestParameter"/> takes).</summary>
    public IReadOnlyList<string> SlotAddresses => _slotAddresses;

    /// <summary>Device port names for <see cref="IAudioDevice.Open"/>: "bus name.speaker label" per port; control side.</summary>
    public IReadOnlyList<string> PortNames()
    {
        var plan = _current.Plan;
        return _ports.Select(p => $"{plan.Bus(p.BusId).Name}.{plan.Bus(p.BusId).Layout.Labels[p.Channel]}").ToArray();
    }

    /// <summary>Queues the newest value of a parameter slot (coalesced with any value not applied yet); any control thread.</summary>
    public void RequestParameter(int slot, double value)
    {
        if ((uint)slot >= (uint)_slotAddresses.Count)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the engine has {_slotAddresses.Count} parameter slots");
        _mailbox.Post(slot, value);
    }

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
    public void Install(RenderPlan plan)
    {
        var installation = new PlanInstallation(plan, _slotAddresses, _ports);
        Interlocked.Exchange(ref _pending, installation)?.Plan.Dispose();
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
        var next = Interlocked.Exchange(ref _pending, null);
        if (next is not null)
        {
            // The control side collects the retired plan; if it has not collected the previous one yet, this one waits in _pending's place.
            if (Interlocked.CompareExchange(ref _retired, _current, null) is null) _current = next;
            else Volatile.Write(ref _pending, next);
        }
        var installation = _current;
        while (_transportCommands.RtTryDequeue(out var command)) command.RtApply(_transport);
        var sink = new SlotSink(installation.BySlot);
        _mailbox.RtDrain(ref sink);

        var plan = installation.Plan;
        var ports = installation.PortBuffers;
        int done = 0;
        while (done < frames)
        {
            int n = _transport.RtNextSegment(plan.RtBlockLimit(_transport.Position, Math.Min(frames - done, plan.BlockSize)), out long position);
            if (n == 0) break;
            plan.RtRenderBlock(position, n, null);
            for (int p = 0; p < outputs.Length && p < ports.Length; p++) Array.Copy(ports[p], 0, outputs[p], done, n);
            done += n;
        }
        for (int p = 0; p < outputs.Length; p++)
            if (p >= ports.Length) Array.Clear(outputs[p], 0, frames);
            else if (done < frames) Array.Clear(outputs[p], done, frames - done);
        _blocks++;
        RtPublishTransport();
        Timing.RtRecord(Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Disposes the current, pending and retired plans; control side, after the device stopped.</summary>
    public void Dispose()
    {
        CollectRetired();
        Interlocked.Exchange(ref _pending, null)?.Plan.Dispose();
        _current.Plan.Dispose();
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

    private readonly struct SlotSink(IRtParameter?[] bySlot) : IParameterSink
    {
        public void RtApply(int slot, double value) => bySlot[slot]?.RtSet(value);
    }
}
