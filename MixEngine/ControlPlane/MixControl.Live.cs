using MixEngine.Session;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    /// <summary>
    /// The running session with every parameter's newest value written in (what a save stores: the structure of the last
    /// <see cref="ApplySession"/> and the live faders, mutes, EQ and the rest). Any control thread (allocates).
    /// </summary>
    public MixSession LiveSession()
    {
        var slots = Slots;
        var values = new List<(ParameterAddress Address, double Value)>();
        for (int slot = 0; slot < slots.UsedSlots; slot++)
            if (slots.DescriptorOf(slot) is { } descriptor) values.Add((descriptor.Address, _values.Value(slot)));
        return SessionParameterValues.With(slots.Session, values);
    }
}
