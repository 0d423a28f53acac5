namespace MixEngine.Tests.Support;

/// <summary>
/// Runs a render step on one thread and a prefetch hint on the calling thread at the same time for a while, as two
/// render workers do when one hints the item the other is rendering, and reports the first exception of either and how
/// often each step ran. A probabilistic guard: a run without a fault proves nothing about a rare interleaving.
/// </summary>
public static class HintRace
{
    /// <summary>
    /// Calls <paramref name="render"/> (with the call's index) and <paramref name="hint"/> concurrently until
    /// <paramref name="duration"/> has passed.
    /// </summary>
    public static (Exception? Failure, long Renders, long Hints) Run(Action<long> render, Action hint, TimeSpan duration)
    {
        Exception? failure = null;
        long renders = 0, hints = 0;
        using var stop = new CancellationTokenSource(duration);
        var renderer = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                    for (int k = 0; k < 1000; k++, renders++) render(renders);
            }
            catch (Exception e) { failure = e; }
        });
        renderer.Start();
        try
        {
            while (!stop.IsCancellationRequested)
                for (int k = 0; k < 1000; k++, hints++) hint();
        }
        catch (Exception e) { failure ??= e; }
        renderer.Join();
        return (failure, renders, hints);
    }
}
