namespace MixEngine.Protocol.Jobs;

/// <summary>A render job id that this server does not know; mapped to NOT_FOUND.</summary>
public sealed class RenderJobNotFoundException(string message) : Exception(message);
