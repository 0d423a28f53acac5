namespace MixEngine.Devices.Jack;

/// <summary>How the JACK device connects: client and server names, the rate the session needs, automatic connections and the reconnection backoff. Immutable; any thread.</summary>
/// <param name="SampleRate">The session's rate in Hz; a server at another rate is refused (naming both rates).</param>
public sealed record JackDeviceOptions(int SampleRate)
{
    /// <summary>Client name asked for (the server makes it unique when taken; the device reports the name it got).</summary>
    public string ClientName { get; init; } = "mixengine";

    /// <summary>Server name, or null for libjack's default (the JACK_DEFAULT_SERVER environment variable, else "default").</summary>
    public string? ServerName { get; init; }

    /// <summary>Connections made after every activation, including after a reconnection.</summary>
    public IReadOnlyList<JackConnection> Connections { get; init; } = [];

    /// <summary>Wait before the first reconnection attempt after the server went away; doubled after each failure.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between reconnection attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The server name as logs should show it.</summary>
    public string ServerDisplayName =>
        ServerName ?? (Environment.GetEnvironmentVariable("JACK_DEFAULT_SERVER") is { Length: > 0 } env ? env : "default");
}
