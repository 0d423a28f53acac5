namespace MixEngine.Files;

/// <summary>
/// The disk thread of the process's read-ahead: it loads every <see cref="ReadAheadSlot"/> a render thread marked
/// Queued. The render (or realtime audio) thread only writes the slot's state and returns: no queue, no wake-up, no
/// thread-pool call, so queueing a read never allocates or locks there (the thread pool allocates its queue segments
/// and worker threads on the queueing thread). The disk thread looks over the registered slots every millisecond while
/// any exist and sleeps on a monitor while none do. A render thread that reaches a slot still Queued loads it itself
/// (<see cref="ReadAheadSlot.RtEnsureReady"/>), so a busy disk thread costs time, never correctness.
/// <para>Threads: <see cref="Register"/> and <see cref="Unregister"/> on the control side (they lock and allocate); the
/// disk thread is a background thread started by the first registration and kept for the process lifetime.</para>
/// </summary>
internal static class ReadAheadDisk
{
    private static readonly object Gate = new();
    private static ReadAheadSlot[] _slots = [];
    private static Thread? _thread;

    /// <summary>Adds <paramref name="slot"/> to the slots the disk thread serves; control side, when the slot is created.</summary>
    public static void Register(ReadAheadSlot slot)
    {
        lock (Gate)
        {
            Volatile.Write(ref _slots, [.. _slots, slot]);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "MixEngine read-ahead disk" };
                _thread.Start();
            }
            Monitor.PulseAll(Gate);
        }
    }

    /// <summary>Removes <paramref name="slot"/> (settled first by its owner); control side, when the reader closes.</summary>
    public static void Unregister(ReadAheadSlot slot)
    {
        lock (Gate) Volatile.Write(ref _slots, Array.FindAll(_slots, s => !ReferenceEquals(s, slot)));
    }

    private static void Run()
    {
        while (true)
        {
            var slots = Volatile.Read(ref _slots);
            if (slots.Length == 0)
            {
                lock (Gate)
                    while (_slots.Length == 0) Monitor.Wait(Gate);
                continue;
            }
            bool loaded = false;
            foreach (var slot in slots) loaded |= slot.LoadIfQueued();
            if (!loaded) Thread.Sleep(1);
        }
    }
}
