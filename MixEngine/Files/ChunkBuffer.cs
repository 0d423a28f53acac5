namespace MixEngine.Files;

/// <summary>
/// One chunk buffer of a <see cref="ReadAheadSlot"/>: <see cref="Length"/> bytes of native memory from
/// <see cref="ChunkMemory"/>, valid until the slot returns it on dispose. Its bytes follow the slot's thread rules (the
/// disk thread or the render thread fills it, the render thread decodes it); the object itself never changes.
/// </summary>
internal sealed unsafe class ChunkBuffer
{
    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="start"/>; <see cref="ChunkMemory"/> only.</summary>
    internal ChunkBuffer(byte* start, int length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>The first byte.</summary>
    public byte* Start { get; }

    /// <summary>Bytes in the buffer.</summary>
    public int Length { get; }

    /// <summary>All its bytes.</summary>
    public Span<byte> Span => new(Start, Length);

    /// <summary>Bytes <paramref name="offset"/> … + <paramref name="length"/>, checked against the buffer's length.</summary>
    public Span<byte> Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
            throw new ArgumentOutOfRangeException(nameof(length), $"bytes {offset} + {length} lie outside a chunk buffer of {Length}");
        return new Span<byte>(Start + offset, length);
    }
}
