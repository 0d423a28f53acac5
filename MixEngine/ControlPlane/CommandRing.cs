using System.Runtime.InteropServices;

namespace MixEngine.ControlPlane;

/// <summary>
/// A bounded lock-free queue of small value commands from any number of control threads to one consumer (the audio
/// thread): every cell is preallocated, so neither side allocates after construction. Each cell carries a sequence
/// number that says whose turn it is (a producer claims a position with one compare-and-swap, writes the command and
/// publishes it by advancing the cell's sequence; the consumer takes it and hands the cell back a lap later), after
/// D. Vyukov's bounded queue. A full ring refuses the command instead of growing or waiting.
/// <para>Thread rules: <see cref="TryEnqueue"/> from any number of threads at once; <see cref="RtTryDequeue"/> from one
/// thread only (the audio thread). Neither blocks, allocates or throws.</para>
/// </summary>
/// <typeparam name="T">The command: a small unmanaged struct.</typeparam>
public sealed class CommandRing<T> where T : unmanaged
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Cell
    {
        public long Sequence;
        public T Item;
    }

    private readonly Cell[] _cells;
    private readonly long _mask;
    private long _enqueuePosition;
    private long _dequeuePosition;

    /// <summary>Creates a ring holding at least <paramref name="capacity"/> commands (rounded up to a power of two); control side.</summary>
    public CommandRing(int capacity)
    {
        if (capacity is < 1 or > 1 << 24) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a command ring holds 1 … 16 777 216 commands");
        int size = 1;
        while (size < capacity) size <<= 1;
        _cells = new Cell[size];
        for (int i = 0; i < size; i++) _cells[i].Sequence = i;
        _mask = size - 1;
    }

    /// <summary>How many commands the ring holds at most.</summary>
    public int Capacity => _cells.Length;

    /// <summary>Queues <paramref name="item"/>; false when the ring is full (nothing queued). Any thread, lock-free.</summary>
    public bool TryEnqueue(in T item)
    {
        long position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            long sequence = Volatile.Read(ref cell.Sequence);
            long lag = sequence - position;
            if (lag == 0)
            {
                long seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                if (seen == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }
                position = seen;
            }
            else if (lag < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition);
            }
        }
    }

    /// <summary>Takes the oldest published command; false when none is ready. The single consumer thread only (audio thread).</summary>
    public bool RtTryDequeue(out T item)
    {
        long position = _dequeuePosition;
        ref Cell cell = ref _cells[position & _mask];
        long sequence = Volatile.Read(ref cell.Sequence);
        if (sequence != position + 1)
        {
            item = default;
            return false;
        }
        item = cell.Item;
        _dequeuePosition = position + 1;
        Volatile.Write(ref cell.Sequence, position + _mask + 1);
        return true;
    }
}
