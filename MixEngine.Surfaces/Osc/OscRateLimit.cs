namespace MixEngine.Surfaces.Osc;

/// <summary>
/// A token bucket for one client: <see cref="TryTake"/> succeeds while tokens remain; tokens refill at the sustained
/// rate up to the burst size. Used by one receive thread; time comes from the caller (Stopwatch ticks), so tests are
/// deterministic. Allocates nothing.
/// </summary>
public sealed class OscRateLimit
{
    private readonly double _perTick;
    private readonly double _burst;
    private double _tokens;
    private long _lastTicks;

    /// <summary>A full bucket at <paramref name="nowTicks"/>.</summary>
    public OscRateLimit(double perSecond, double burst, long nowTicks, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1.0);
        _perTick = perSecond / ticksPerSecond;
        _burst = burst;
        _tokens = burst;
        _lastTicks = nowTicks;
    }

    /// <summary>Takes <paramref name="count"/> tokens at <paramref name="nowTicks"/>; false (and nothing taken) when too few remain.</summary>
    public bool TryTake(long nowTicks, int count = 1)
    {
        if (nowTicks > _lastTicks)
        {
            _tokens = Math.Min(_burst, _tokens + (nowTicks - _lastTicks) * _perTick);
            _lastTicks = nowTicks;
        }
        if (_tokens < count) return false;
        _tokens -= count;
        return true;
    }
}
