namespace MixEngine.Graph;

/// <summary>How the threads of a <see cref="RenderWorkers"/> team wait; chosen at construction.</summary>
public enum RenderWorkerWaiting
{
    /// <summary>
    /// Offline renders: idle workers spin a little, then sleep on their wake signal; a driver waiting for the last items
    /// of a phase yields and, after a while, sleeps a millisecond at a time so an oversubscribed machine runs those items.
    /// </summary>
    Offline,

    /// <summary>
    /// A realtime driver (the audio thread): it never sleeps, only spins and yields while the last items of a phase
    /// finish; idle workers spin for <see cref="RenderWorkers.RealtimeSpin"/> between phases and block on a lock-free wake
    /// signal once the driver parks them at the end of its block (<see cref="RenderWorkers.RtPark"/>).
    /// </summary>
    Realtime,
}
