namespace MixEngine.Session;

/// <summary>A parameter address names no parameter of the session; the message names the address and what exists.</summary>
public sealed class ParameterAddressException : Exception
{
    /// <summary>Creates the exception for <paramref name="address"/> with a message saying what was expected.</summary>
    public ParameterAddressException(string address, string message) : base(message) => Address = address;

    /// <summary>The address as given.</summary>
    public string Address { get; }
}
