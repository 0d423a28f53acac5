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
    public void Sequential_chunks_alternate_between_the_two_buffers_and_the_last_chunk_is_partial()
    {
        var (handle, readAhead, frames) = Open(3 * DataReadAhead.MaxChunkFrames + 100);
        using (handle)
        {
            var slots = Enumerable.Range(0, 4).Select(k => readAhead.RtAcquire((long)k * readAhead.ChunkFrames)).Select(s => (s, s.Chunk, s.Frames)).ToArray();
            Assert.Equal([0L, 1, 2, 3], slots.Select(s => s.Chunk));
            Assert.Equal([65536, 65536, 65536, 100], slots.Select(s => s.Frames));
            Assert.NotSame(slots[0].s, slots[1].s);
            Assert.Same(slots[0].s, slots[2].s);
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
            Assert.Equal((byte)5, slot.Buffer[10]);
            var later = readAhead.RtAcquire(readAhead.ChunkFrames + 30000);
            // Frame 95,536 holds 95,536 mod 30,000 = 5,536, at byte 2 × 30,000 of chunk 1.
            Assert.Equal((1L, (short)5536), (later.Chunk, System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(later.Buffer.AsSpan(60000))));
            readAhead.Dispose();
        }
    }
}
