namespace MixEngine.Surfaces.Osc;

/// <summary>
/// What an OSC listener received and dropped, counted on its receive thread and read from anywhere (status verbs,
/// gRPC, logs). Counts only grow.
/// </summary>
public sealed class OscListenerCounters
{
    private long _packets, _refused, _rateLimited, _malformed;

    /// <summary>Packets decoded and handed on.</summary>
    public long Packets => Interlocked.Read(ref _packets);
    /// <summary>Packets dropped because the sender is not in the allow-list.</summary>
    public long Refused => Interlocked.Read(ref _refused);
    /// <summary>Packets dropped because the sender exceeded its message rate.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);
    /// <summary>Packets dropped because they are not valid OSC.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    internal void CountPacket() => Interlocked.Increment(ref _packets);
    internal void CountRefused() => Interlocked.Increment(ref _refused);
    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);
    internal void CountMalformed() => Interlocked.Increment(ref _malformed);

    /// <summary>The four counts, for logs.</summary>
    public override string ToString() => $"packets {Packets}, refused {Refused}, rate-limited {RateLimited}, malformed {Malformed}";
}
