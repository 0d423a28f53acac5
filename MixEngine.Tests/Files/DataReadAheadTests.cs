using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>Chunking and double buffering of <see cref="DataReadAhead"/> (and its <see cref="ReadAheadSlot"/>s).</summary>
public sealed class DataReadAheadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (Microsoft.Win32.SafeHandles.SafeFileHandle Handle, DataReadAhead ReadAhead, int Frames) Open(int frames)
    {
        var samples = Enumerable.Range(0, frames).Select(i => (short)(i % 30000)).ToArray();
        string path = _folder.Write("ramp.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(samples))));
        var handle = File.OpenHandle(path);
        return (handle, new DataReadAhead(handle, WavHeaderParser.Parse(path, handle)), frames);
    }

    [Fact]
    public void Chunks_queued_one_after_another_and_in_a_burst_are_loaded_by_the_disk_thread_alone()
    {
        var (handle, readAhead, _) = Open(4 * DataReadAhead.MaxChunkFrames);
        using (handle)
        {
            readAhead.Dispose();
            var header = WavHeaderParser.Parse(_folder.File("ramp.wav"), handle);
            var slots = Enumerable.Range(0, 3).Select(_ => new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, DataReadAhead.MaxChunkFrames)).ToArray();
            try
            {
                // One at a time (each queued after the disk thread took the previous note), then three at once (one wake).
                foreach (long chunk in new long[] { 1, 3 }) QueueAndAwait([(slots[0], chunk)]);
                QueueAndAwait([(slots[0], 0), (slots[1], 2), (slots[2], 1)]);
            }
            finally
            {
                foreach (var slot in slots) slot.Dispose();
            }
        }

        // Nothing but the disk thread moves a queued slot to Ready here: the test never asks for the chunks.
        static void QueueAndAwait((ReadAheadSlot Slot, long Chunk)[] loads)
        {
            foreach (var (slot, chunk) in loads) slot.RtQueue(chunk);
            foreach (var (slot, chunk) in loads)
            {
                Assert.True(SpinWait.SpinUntil(() => slot.RtIsIdle, TimeSpan.FromSeconds(30)), $"chunk {chunk} still queued after 30 s");
                Assert.Equal(DataReadAhead.MaxChunkFrames, slot.Frames);
                long first = chunk * DataReadAhead.MaxChunkFrames, last = first + DataReadAhead.MaxChunkFrames - 1;
                Assert.Equal((short)(first % 30000), BitConverter.ToInt16(slot.Buffer.Span)); // exact: the ramp's sample there
                Assert.Equal((short)(last % 30000), BitConverter.ToInt16(slot.Buffer.Span[(2 * DataReadAhead.MaxChunkFrames - 2)..]));
            }
        }
    }

    [Fact]
    public void Sequential_chunks_alternate_between_the_two_buffers_and_the_last_chunk_is_partial()
    {
        var (handle, readAhead, frames) = Open(4 * DataReadAhead.MaxChunkFrames + 100);
        using (handle)
        {
            var slots = Enumerable.Range(0, 5).Select(k => readAhead.RtAcquire((long)k * readAhead.ChunkFrames)).Select(s => (s, s.Chunk, s.Frames)).ToArray();
            Assert.Equal([0L, 1, 2, 3, 4], slots.Select(s => s.Chunk));
            Assert.Equal([65536, 65536, 65536, 65536, 100], slots.Select(s => s.Frames));
            // Chunk 0, where reading started, went to the cue; the chunks after it alternate between the other two.
            Assert.Equal(3, slots.Select(s => s.s).Distinct().Count());
            Assert.NotSame(slots[1].s, slots[2].s);
            Assert.Same(slots[1].s, slots[3].s);
            Assert.Same(slots[2].s, slots[4].s);
            readAhead.Dispose();
            Assert.Equal(0, readAhead.FailedReads);
        }
    }

    [Fact]
    public void A_loop_back_to_where_reading_started_finds_its_chunk_loaded_and_reads_nothing_from_disk()
    {
        var (handle, readAhead, _) = Open(6 * DataReadAhead.MaxChunkFrames + 100);
        using (handle)
        {
            // The loop ends inside chunk 3, so the read-ahead of chunk 4 is queued at every pass and never used.
            long loopStart = 1000, loopEnd = 4L * readAhead.ChunkFrames - 100;
            var first = readAhead.RtAcquire(loopStart);
            for (long f = loopStart; f < loopEnd; f += 4096) readAhead.RtAcquire(f);
            // Chunk 0 now differs on disk: a wrap that read it again would see the new bytes.
            using (var file = new FileStream(_folder.File("ramp.wav"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                file.Position = 44;
                file.Write(new byte[2 * 2000]);
            }
            for (int wrap = 0; wrap < 3; wrap++)
            {
                var again = readAhead.RtAcquire(loopStart);
                Assert.Same(first, again);
                Assert.Equal((byte)(loopStart % 256), again.Buffer.Span[(int)(2 * loopStart)]); // the ramp's value as loaded before, not the zeros now on disk
                for (long f = loopStart + 4096; f < loopEnd; f += 4096)
                {
                    var slot = readAhead.RtAcquire(f);
                    Assert.Equal((f / readAhead.ChunkFrames, f >= readAhead.ChunkFrames), (slot.Chunk, !ReferenceEquals(first, slot))); // later chunks never take the cue's buffer
                }
            }
            // A seek elsewhere moves the cue there; the loop start, in no buffer any more, is read again (zeros now).
            Assert.Same(first, readAhead.RtAcquire(5L * readAhead.ChunkFrames + 5));
            Assert.Equal(0, readAhead.RtAcquire(loopStart).Buffer.Span[(int)(2 * loopStart)]);
            readAhead.Dispose();
            Assert.Equal(0, readAhead.FailedReads);
        }
    }

    [Fact]
    public void A_seek_back_reloads_the_chunk_with_its_bytes()
    {
        var (handle, readAhead, _) = Open(2 * DataReadAhead.MaxChunkFrames + 10);
        using (handle)
        {
            readAhead.RtAcquire(2L * readAhead.ChunkFrames);
            var slot = readAhead.RtAcquire(5);
            Assert.Equal(0, slot.Chunk);
            // Frame 5 of the ramp holds 5 (16-bit little-endian at byte 10).
            Assert.Equal((byte)5, slot.Buffer.Span[10]);
            var later = readAhead.RtAcquire(readAhead.ChunkFrames + 30000);
            // Frame 95,536 holds 95,536 mod 30,000 = 5,536, at byte 2 × 30,000 of chunk 1.
            Assert.Equal((1L, (short)5536), (later.Chunk, System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(later.Buffer.Span[60000..])));
            readAhead.Dispose();
        }
    }
}
