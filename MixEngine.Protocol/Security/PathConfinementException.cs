namespace MixEngine.Protocol.Security;

/// <summary>A client path leaves its root (<c>..</c>, a symlink pointing outside, an absolute path elsewhere); mapped to PERMISSION_DENIED.</summary>
public sealed class PathConfinementException(string message) : Exception(message);
