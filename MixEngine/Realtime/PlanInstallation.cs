using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;

namespace MixEngine.Realtime;

/// <summary>
/// A plan ready for the audio thread: the plan, its live parameters in the engine's slot order (null where the plan
/// has no such address or the slot is unused), and for every device port the bus output buffer and channel it plays. Built on the control
/// side; read-only on the audio thread.
/// </summary>
internal sealed class PlanInstallation
{
    public PlanInstallation(RenderPlan plan, IReadOnlyList<string?> slotAddresses, int slotCapacity, IReadOnlyList<(string BusId, int Channel)> ports,
        IReadOnlyList<(int Slot, double Value)> carriedValues, int meterInterval, PlanMeters? previousMeters, MonitorPath? monitor, MonitorRequest monitorRequest,
        bool metersOnDemand)
    {
        if (monitor is not null && plan.BlockSize > monitor.MaxFrames)
            throw new ArgumentException($"the plan's block size {plan.BlockSize} exceeds the monitor path's {monitor.MaxFrames} frames; build plans with the engine's block size");
        Selection = monitor is null ? null : MonitorSelection.For(plan, monitor.Layout, monitorRequest);
        Meters = new PlanMeters(plan, meterInterval, previousMeters, metersOnDemand);
        _carriedValues = carriedValues.ToArray();
        Plan = plan;
        SlotAddresses = slotAddresses;
        BySlot = new IRtParameter?[slotCapacity];
        LaneBySlot = new RtLaneCursor?[slotCapacity];
        var played = new List<int>();
        for (int i = 0; i < slotAddresses.Count; i++)
            if (slotAddresses[i] is { } address)
            {
                BySlot[i] = plan.Parameters.GetValueOrDefault(address);
                LaneBySlot[i] = plan.Automation.Cursor(address);
                if (LaneBySlot[i] is not null) played.Add(i);
            }
        _playedSlots = [.. played];
        PortBuffers = new double[ports.Count][];
        for (int p = 0; p < ports.Count; p++)
        {
            if (ports[p].BusId == MonitorPath.PortBus)
            {
                if (monitor is null || ports[p].Channel >= monitor.Layout.ChannelCount)
                    throw new ArgumentException($"port {p} plays monitor channel {ports[p].Channel + 1}, but the monitor path has {monitor?.Layout.ChannelCount ?? 0} channels (the session's printmaster layout)");
                PortBuffers[p] = monitor.Buffers[ports[p].Channel];
                continue;
            }
            var bus = plan.Bus(ports[p].BusId);
            if (ports[p].Channel >= bus.Layout.ChannelCount)
                throw new ArgumentException($"port {p} plays channel {ports[p].Channel + 1} of bus '{ports[p].BusId}', which has {bus.Layout.ChannelCount} channels");
            PortBuffers[p] = bus.OutputBuffers[ports[p].Channel];
        }
    }

    private readonly (int Slot, double Value)[] _carriedValues;
    private readonly int[] _playedSlots;

    /// <summary>Sets the values carried over from the previous plan on this plan's parameters; audio thread, at the swap.</summary>
    public void RtApplyCarriedValues()
    {
        foreach (var (slot, value) in _carriedValues) BySlot[slot]?.RtSet(value);
    }

    /// <summary>
    /// Publishes what each lane of the plan plays at <paramref name="position"/> (the period's last rendered sample, or the
    /// playhead when stopped) into <paramref name="played"/>, for surfaces to follow; NaN where a control shows its own
    /// value instead: the lane plays a control's live value, plays only a trim curve, or its slot is in a trim mode.
    /// Audio thread, after the period's blocks (the lanes are not in use by the render team then).
    /// </summary>
    public void RtPublishPlayed(long position, LivePass pass, PlayedValues played)
    {
        foreach (int slot in _playedSlots)
        {
            var lane = LaneBySlot[slot]!;
            double value = lane.RtValueAt(position);
            played.RtPublish(slot, lane.RtPlaysLiveValue || !lane.HasMain || pass.RtTrims(slot) ? double.NaN : value);
        }
        played.RtEndPeriod();
    }

    /// <summary>At the swap from <paramref name="previous"/>: slots whose lane this plan no longer plays publish NaN (nothing played). Audio thread.</summary>
    public void RtUnpublishDropped(PlanInstallation previous, PlayedValues played)
    {
        foreach (int slot in previous._playedSlots)
            if (LaneBySlot[slot] is null) played.RtPublish(slot, double.NaN);
    }

    /// <summary>What the monitor path sums for this plan, as requested when the plan was installed; null without a monitor path.</summary>
    public MonitorSelection? Selection { get; }

    /// <summary>The plan's meter taps.</summary>
    public PlanMeters Meters { get; }

    /// <summary>The plan the audio thread renders.</summary>
    public RenderPlan Plan { get; }

    /// <summary>The address (name form) each slot has in this plan; null for a slot whose parameter no longer exists.</summary>
    public IReadOnlyList<string?> SlotAddresses { get; }

    /// <summary>Live parameter per engine slot.</summary>
    public IRtParameter?[] BySlot { get; }

    /// <summary>The cursor of the lane the plan plays per engine slot (null where none plays), for live overrides.</summary>
    public RtLaneCursor?[] LaneBySlot { get; }

    /// <summary>Bus output channel buffer per device port.</summary>
    public double[][] PortBuffers { get; }
}
