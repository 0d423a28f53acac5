namespace MixEngine.Protocol.Security;

/// <summary>What an API key may do; each role includes the ones before it.</summary>
public enum Role
{
    /// <summary>Read state, meters, events, render progress and reports.</summary>
    Observer = 1,

    /// <summary>Also move parameters, touch, drive the transport and automation.</summary>
    Mixer = 2,

    /// <summary>Also load, save and edit the session, start and cancel renders, send file paths.</summary>
    Admin = 3,
}

/// <summary>A bearer key from configuration: who holds it (its name is the client name in events) and its role. Immutable.</summary>
/// <param name="Name">Name of the holder ("qc-station", "tablet"); shown as the source of its changes.</param>
/// <param name="Key">The secret sent as <c>authorization: Bearer KEY</c>.</param>
/// <param name="Role">What it may do.</param>
public sealed record ApiKey(string Name, string Key, Role Role);
