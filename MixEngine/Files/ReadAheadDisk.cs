namespace MixEngine.Files;

/// <summary>
/// The disk thread of the process's read-ahead: it loads every <see cref="ReadAheadSlot"/> a render thread marked
/// Queued. The render (or realtime audio) thread only writes the slot's state, notes that a load is waiting and, when
/// the disk thread may be asleep, posts its <see cref="ReadAheadWake"/> (a lock-free semaphore post on Linux): no queue,
/// no lock, no thread-pool call, so queueing a read never allocates or locks there (the thread pool allocates its queue
/// segments and worker threads on the queueing thread). The disk thread sleeps on that signal and looks over the
/// registered slots only when a load was noted, so it runs once per burst of queued reads instead of polling every
/// millisecond (the 128-track reel's tracks cross chunk boundaries together: about one wake a second, where the poll
/// woke the thread 700–1000 times a second, on the audio thread's core, and looked over every slot each time). A render
/// thread that reaches a slot still Queued loads it itself (<see cref="ReadAheadSlot.RtEnsureReady"/>), so a busy disk
/// thread costs time, never correctness.
/// <para>Threads: <see cref="Register"/> and <see cref="Unregister"/> on the control side (they lock and allocate);
/// <see cref="RtNoteQueued"/> on render threads; the disk thread is a background thread started by the first
/// registration and kept for the process lifetime.</para>
/// </summary>
internal static class ReadAheadDisk
{
    private static readonly object Gate = new();
    private static ReadAheadSlot[] _slots = [];
    private static ReadAheadWake? _wake;
    private static Thread? _thread;
    // 1 from a render thread's queued load until the disk thread takes the note and looks: while it is 1 the disk thread
    // has been posted already, so a burst of queued reads costs one post (one futex wake on the audio thread).
    private static int _queued;

    /// <summary>Adds <paramref name="slot"/> to the slots the disk thread serves; control side, when the slot is created.</summary>
    public static void Register(ReadAheadSlot slot)
    {
        lock (Gate)
        {
            Volatile.Write(ref _slots, [.. _slots, slot]);
            if (_thread is not null) return;
            Volatile.Write(ref _wake, new ReadAheadWake());
            _thread = new Thread(Run) { IsBackground = true, Name = "MixEngine read-ahead disk" };
            _thread.Start();
        }
    }

    /// <summary>Removes <paramref name="slot"/> (settled first by its owner); control side, when the reader closes.</summary>
    public static void Unregister(ReadAheadSlot slot)
    {
        lock (Gate) Volatile.Write(ref _slots, Array.FindAll(_slots, s => !ReferenceEquals(s, slot)));
    }

    /// <summary>Tells the disk thread that a slot was just marked Queued, waking it unless a note is already waiting; render thread, after the slot's state.</summary>
    public static void RtNoteQueued()
    {
        // The exchange is a full fence: the slot's Queued state is visible before the note, and a note the disk thread
        // took (set to 0) before this is either seen here as 0 (so this posts) or not taken yet (so its look finds the slot).
        if (Interlocked.Exchange(ref _queued, 1) == 0) Volatile.Read(ref _wake)!.RtPost();
    }

    private static void Run()
    {
        var wake = Volatile.Read(ref _wake)!;
        while (true)
        {
            wake.Wait();
            // The note is taken before looking: a slot queued after this sets it again and posts, so the next round finds it.
            if (Interlocked.Exchange(ref _queued, 0) == 0) continue;
            foreach (var slot in Volatile.Read(ref _slots)) slot.LoadIfQueued();
        }
    }
}
