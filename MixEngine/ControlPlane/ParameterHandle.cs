using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// A resolved parameter: its slot in the control plane's parameter table and its descriptor. Got once from
/// <see cref="IMixControl.Resolve"/> so that per-message sets and reads neither parse nor allocate. A handle stays valid
/// across plan swaps while its parameter exists; using it after the parameter was removed throws
/// <see cref="ParameterAddressException"/> naming the address. Immutable value; any thread.
/// </summary>
/// <param name="Slot">Index of the parameter in the control plane's table.</param>
/// <param name="Descriptor">What the parameter is (address, unit, range, taper).</param>
public readonly record struct ParameterHandle(int Slot, ParameterDescriptor Descriptor)
{
    /// <summary>The parameter's address in name form.</summary>
    public ParameterAddress Address => Descriptor.Address;
}
