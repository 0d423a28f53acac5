namespace MixEngine.ControlPlane;

/// <summary>
/// Carries parameter values from control threads to the audio thread with coalescing: one pending value per parameter
/// slot (with the id of the client that posted it), and a ring of slot numbers in which each slot appears at most once. A flood of values for one parameter
/// overwrites its pending value and queues nothing new, so the audio thread applies only the newest value and memory
/// stays fixed (the ring holds one entry per slot, so it can never be full) however fast clients send.
/// <para>Thread rules: <see cref="Post"/> from any number of control threads at once; <see cref="RtDrain"/> from the
/// audio thread only. Neither blocks, allocates (after construction) or throws for a slot in range.</para>
/// </summary>
public sealed class ParameterMailbox
{
    private readonly long[] _pendingBits;
    private readonly int[] _queued;
    private readonly int[] _pendingClient;
    private readonly CommandRing<int> _slots;

    /// <summary>Creates a mailbox for <paramref name="slotCount"/> parameter slots; control side.</summary>
    public ParameterMailbox(int slotCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
        _pendingBits = new long[slotCount];
        _queued = new int[slotCount];
        _pendingClient = new int[slotCount];
        _slots = new CommandRing<int>(Math.Max(1, slotCount));
    }

    /// <summary>Number of parameter slots.</summary>
    public int SlotCount => _pendingBits.Length;

    /// <summary>
    /// Makes <paramref name="value"/> the pending value of <paramref name="slot"/>, replacing any value not yet applied;
    /// <paramref name="client"/> is reported with it. Two clients posting to one slot at the same instant may see the
    /// newest value reported with the other's id (value and id are two separate writes). Any control thread.
    /// </summary>
    public void Post(int slot, double value, int client = 0)
    {
        Volatile.Write(ref _pendingClient[slot], client);
        Volatile.Write(ref _pendingBits[slot], BitConverter.DoubleToInt64Bits(value));
        if (Interlocked.CompareExchange(ref _queued[slot], 1, 0) == 0) _slots.TryEnqueue(slot);
    }

    /// <summary>
    /// Hands every pending (slot, newest value, client) to <paramref name="apply"/> and returns how many were applied. Audio
    /// thread; <paramref name="apply"/> must obey the audio-thread rules.
    /// </summary>
    public int RtDrain<TApply>(ref TApply apply) where TApply : struct, IParameterSink
    {
        int applied = 0;
        while (_slots.RtTryDequeue(out int slot))
        {
            // Clear the flag before reading the value: a value posted after this point queues the slot again.
            Interlocked.Exchange(ref _queued[slot], 0);
            double value = BitConverter.Int64BitsToDouble(Volatile.Read(ref _pendingBits[slot]));
            apply.RtApply(slot, value, Volatile.Read(ref _pendingClient[slot]));
            applied++;
        }
        return applied;
    }
}

/// <summary>Receives drained parameter values on the audio thread (a struct, so draining neither allocates nor calls through an interface box).</summary>
public interface IParameterSink
{
    /// <summary>Applies the newest value of <paramref name="slot"/>, posted by <paramref name="client"/>. Audio thread: must not allocate, lock or throw.</summary>
    void RtApply(int slot, double value, int client);
}
