using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>The read-ahead's native chunk memory (<see cref="ChunkMemory"/>): page-rounded, disjoint, reused after return.</summary>
public sealed class ChunkMemoryTests
{
    // Sizes no reader asks for (a reader's chunk is 65 536 frames or about 4 MB), so tests running at the same time
    // never take these buffers from the free list.
    private const int OddBytes = 5 * 4096 - 100, OtherBytes = 7 * 4096 + 1;

    [Fact]
    public unsafe void Buffers_in_use_at_once_are_whole_pages_that_do_not_overlap_and_hold_what_is_written()
    {
        var buffers = Enumerable.Range(0, 40).Select(i => ChunkMemory.Rent(i % 2 == 0 ? OddBytes : OtherBytes)).ToArray();
        try
        {
            Assert.All(buffers, b => Assert.Equal(b.Length >= OtherBytes ? 8 * 4096 : 5 * 4096, b.Length));
            var ranges = buffers.Select(b => ((nint)b.Start, (nint)b.Start + b.Length)).OrderBy(r => r.Item1).ToArray();
            for (int i = 1; i < ranges.Length; i++) Assert.True(ranges[i].Item1 >= ranges[i - 1].Item2, $"buffer {i} starts inside the one before it");
            for (int i = 0; i < buffers.Length; i++) buffers[i].Span.Fill((byte)i);
            for (int i = 0; i < buffers.Length; i++) Assert.True(buffers[i].Span.IndexOfAnyExcept((byte)i) < 0, $"buffer {i} lost its bytes");
        }
        finally
        {
            foreach (var b in buffers) ChunkMemory.Return(b);
        }
    }

    [Fact]
    public unsafe void A_returned_buffer_is_handed_out_again_for_its_size_and_no_region_is_mapped_for_it()
    {
        var first = Enumerable.Range(0, 12).Select(_ => ChunkMemory.Rent(OddBytes)).ToArray();
        var starts = first.Select(b => (nint)b.Start).ToHashSet();
        foreach (var b in first) ChunkMemory.Return(b);
        var again = Enumerable.Range(0, 12).Select(_ => ChunkMemory.Rent(OddBytes)).ToArray();
        try
        {
            Assert.True(again.All(b => starts.Contains((nint)b.Start)), "a buffer of a returned size was carved anew instead of reused");
        }
        finally
        {
            foreach (var b in again) ChunkMemory.Return(b);
        }
    }

    [Fact]
    public void A_slice_outside_the_buffer_is_refused_with_its_offsets()
    {
        var buffer = ChunkMemory.Rent(OddBytes);
        try
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(buffer.Length - 10, 11));
            Assert.Contains($"{buffer.Length - 10} + 11", e.Message);
            Assert.Equal(10, buffer.Slice(buffer.Length - 10, 10).Length);
        }
        finally
        {
            ChunkMemory.Return(buffer);
        }
    }
}
