namespace MixEngine.Session;

/// <summary>No marker has the name or number asked for; the message lists what exists. An <see cref="ArgumentException"/>, so callers that treat it as bad input need nothing more.</summary>
public sealed class MarkerNotFoundException(string message, string parameterName) : ArgumentException(message, parameterName);
