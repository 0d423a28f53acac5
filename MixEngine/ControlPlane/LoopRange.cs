namespace MixEngine.ControlPlane;

/// <summary>
/// A loop: playback reaching <see cref="End"/> continues at <see cref="Start"/> with no gap. Positions in samples from
/// the session start; immutable value; any thread.
/// </summary>
/// <param name="Start">First sample of the loop.</param>
/// <param name="End">First sample after the loop (exclusive); greater than <paramref name="Start"/>.</param>
public readonly record struct LoopRange(long Start, long End)
{
    /// <summary>Loop length in samples.</summary>
    public long Length => End - Start;

    /// <summary>Throws <see cref="ArgumentException"/> naming the range when it is empty, reversed or starts before 0; control side.</summary>
    public void Validate()
    {
        if (Start < 0) throw new ArgumentException($"loop start {Start} is before the session start; expected a position of 0 or more samples", nameof(Start));
        if (End <= Start) throw new ArgumentException($"loop end {End} is not after loop start {Start}; expected end > start", nameof(End));
    }
}
