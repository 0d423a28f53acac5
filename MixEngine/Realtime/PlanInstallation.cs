using MixEngine.Graph;

namespace MixEngine.Realtime;

/// <summary>
/// A plan ready for the audio thread: the plan, its live parameters in the engine's slot order (null where the plan
/// has no such address), and for every device port the bus output buffer and channel it plays. Built on the control
/// side; read-only on the audio thread.
/// </summary>
internal sealed class PlanInstallation
{
    public PlanInstallation(RenderPlan plan, IReadOnlyList<string> slotAddresses, IReadOnlyList<(string BusId, int Channel)> ports)
    {
        Plan = plan;
        BySlot = new IRtParameter?[slotAddresses.Count];
        for (int i = 0; i < BySlot.Length; i++) BySlot[i] = plan.Parameters.GetValueOrDefault(slotAddresses[i]);
        PortBuffers = new double[ports.Count][];
        for (int p = 0; p < ports.Count; p++)
        {
            var bus = plan.Bus(ports[p].BusId);
            if (ports[p].Channel >= bus.Layout.ChannelCount)
                throw new ArgumentException($"port {p} plays channel {ports[p].Channel + 1} of bus '{ports[p].BusId}', which has {bus.Layout.ChannelCount} channels");
            PortBuffers[p] = bus.OutputBuffers[ports[p].Channel];
        }
    }

    /// <summary>The plan the audio thread renders.</summary>
    public RenderPlan Plan { get; }

    /// <summary>Live parameter per engine slot.</summary>
    public IRtParameter?[] BySlot { get; }

    /// <summary>Bus output channel buffer per device port.</summary>
    public double[][] PortBuffers { get; }
}
