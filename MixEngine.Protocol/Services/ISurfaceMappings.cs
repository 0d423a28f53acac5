namespace MixEngine.Protocol.Services;

/// <summary>
/// The mapped surfaces of a server as the gRPC surfaces service sees them (implemented by the host that runs them,
/// <c>mixengine serve --map</c>; the gRPC adapter does not reference the surfaces library). Any request thread.
/// </summary>
public interface ISurfaceMappings
{
    /// <summary>The mapped surfaces, in the order they were configured.</summary>
    IReadOnlyList<MappedSurfaceSummary> Surfaces { get; }

    /// <summary>
    /// Arms learn on the surface bound to <paramref name="port"/> for <paramref name="target"/> and completes with the
    /// learned binding. Throws <see cref="KeyNotFoundException"/> for an unknown port, <see cref="ArgumentException"/> for a
    /// target, relative style or name that is refused, <see cref="InvalidOperationException"/> when a learn is armed already.
    /// </summary>
    Task<LearnedControl> LearnAsync(string port, string target, string? name, string? relative, CancellationToken cancellationToken);

    /// <summary>Saves the live profile of the surface on <paramref name="port"/> to its file and returns the path; throws as <see cref="LearnAsync"/>.</summary>
    string SaveProfile(string port);
}

/// <summary>One mapped surface: its port, profile name, profile file (null for a shipped profile) and control count. Immutable.</summary>
public sealed record MappedSurfaceSummary(string Port, string ProfileName, string? ProfilePath, int Controls);

/// <summary>A learned binding: the surface's port, the MIDI message in words, the target and the control as profile JSON. Immutable.</summary>
public sealed record LearnedControl(string Port, string Midi, string Target, string ControlJson);

/// <summary>The <see cref="ISurfaceMappings"/> of a server without mapped surfaces: lists none, refuses the rest as a failed precondition.</summary>
public sealed class NoSurfaceMappings : ISurfaceMappings
{
    /// <summary>The one instance.</summary>
    public static readonly NoSurfaceMappings Instance = new();

    /// <inheritdoc/>
    public IReadOnlyList<MappedSurfaceSummary> Surfaces => [];

    /// <inheritdoc/>
    public Task<LearnedControl> LearnAsync(string port, string target, string? name, string? relative, CancellationToken cancellationToken) => throw None();

    /// <inheritdoc/>
    public string SaveProfile(string port) => throw None();

    private static InvalidOperationException None() => new("this server drives no mapped surface; start serve with --map PORT=PROFILE");
}
