namespace MixEngine.Surfaces.Osc;

/// <summary>An OSC packet: either a <see cref="OscMessage"/> or an <see cref="OscBundle"/>. Immutable; any thread.</summary>
public abstract record OscPacket;

/// <summary>An OSC message: an address (or address pattern) starting with '/' and its typed arguments.</summary>
public sealed record OscMessage(string Address, IReadOnlyList<OscArgument> Arguments) : OscPacket
{
    /// <summary>A message with the given arguments; any thread.</summary>
    public OscMessage(string address, params OscArgument[] arguments) : this(address, (IReadOnlyList<OscArgument>)arguments) { }

    /// <summary>Structural equality: same address and the same arguments in order.</summary>
    public bool Equals(OscMessage? other) =>
        other is not null && Address == other.Address && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Address, Arguments.Count);

    /// <summary>Address, type tags and values, for logs.</summary>
    public override string ToString() => $"{Address} ,{string.Concat(Arguments.Select(a => a.Tag))} {string.Join(' ', Arguments)}";
}

/// <summary>An OSC bundle: a time tag and the packets to apply together at that time.</summary>
public sealed record OscBundle(OscTimeTag Time, IReadOnlyList<OscPacket> Elements) : OscPacket
{
    /// <summary>A bundle of the given elements; any thread.</summary>
    public OscBundle(OscTimeTag time, params OscPacket[] elements) : this(time, (IReadOnlyList<OscPacket>)elements) { }

    /// <summary>Structural equality: same time and the same elements in order.</summary>
    public bool Equals(OscBundle? other) =>
        other is not null && Time == other.Time && Elements.SequenceEqual(other.Elements);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Time, Elements.Count);
}
