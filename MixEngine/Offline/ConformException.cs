namespace MixEngine.Offline;

/// <summary>
/// A loudness conform was refused before any print was written: the bus to conform is unknown or not printed, the
/// print is silent, or the spec's loudness cannot be measured for it. The message names the bus and the spec.
/// </summary>
public sealed class ConformException(string message) : Exception(message);
