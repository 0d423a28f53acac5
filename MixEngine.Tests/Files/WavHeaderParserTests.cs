using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>Chunk walking and header validation of <see cref="WavHeaderParser"/>, through <see cref="WavFile.Probe"/>.</summary>
public sealed class WavHeaderParserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Chunk Fmt16Stereo => new("fmt ", Fmt(1, 2, 48000, 16));

    private MediaFormatException Rejected(byte[] file, string chunk, long offset, string problem)
    {
        string path = _folder.Write("bad.wav", file);
        var e = Assert.Throws<MediaFormatException>(() => WavFile.Probe(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(chunk, e.Chunk);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Contains(path, e.Message);
        Assert.Contains($"chunk '{chunk}'", e.Message);
        Assert.Contains($"byte offset {offset}", e.Message);
        Assert.Contains(problem, e.Message);
        return e;
    }

    [Fact]
    public void Wrong_magic_is_rejected_at_offset_0()
    {
        var file = Riff(Fmt16Stereo, new Chunk("data", Int16(1, 2)));
        "RIFX"u8.CopyTo(file);
        Rejected(file, "RIFF", 0, "expected the magic 'RIFF', 'RF64' or 'BW64', found 'RIFX'");
    }

    [Fact]
    public void Wrong_form_type_is_rejected_at_offset_8()
    {
        var file = Riff(Fmt16Stereo, new Chunk("data", Int16(1, 2)));
        "AVI "u8.CopyTo(file.AsSpan(8));
        Rejected(file, "RIFF", 8, "expected the form type 'WAVE', found 'AVI '");
    }

    [Fact]
    public void A_file_shorter_than_the_riff_header_is_rejected()
    {
        Rejected("RIFF"u8.ToArray(), "RIFF", 0, "the file is 4 bytes");
    }

    [Fact]
    public void Missing_fmt_chunk_is_rejected_at_the_end_of_the_walk()
    {
        var file = Riff(new Chunk("LIST", new byte[10]));
        Rejected(file, "fmt ", file.Length, "no 'fmt ' chunk found");
    }

    [Fact]
    public void Data_before_fmt_is_rejected_at_the_data_chunk()
    {
        var file = Riff(new Chunk("data", Int16(1, 2)), Fmt16Stereo);
        Rejected(file, "data", 12, "'fmt ' must precede 'data'");
    }

    [Fact]
    public void Missing_data_chunk_is_rejected_at_the_end_of_the_walk()
    {
        var file = Riff(Fmt16Stereo, new Chunk("bext", Bext(5)));
        Rejected(file, "data", file.Length, "no 'data' chunk found");
    }

    [Fact]
    public void Fmt_chunk_shorter_than_16_bytes_is_rejected()
    {
        var file = Riff(new Chunk("fmt ", new byte[14]), new Chunk("data", Int16(1, 2)));
        Rejected(file, "fmt ", 12, "the fmt chunk is 14 bytes; at least 16 expected");
    }

    [Fact]
    public void Extensible_fmt_shorter_than_40_bytes_is_rejected()
    {
        var fmt = FmtExtensible(1, 2, 48000, 24, 0x3)[..24];
        var file = Riff(new Chunk("fmt ", fmt), new Chunk("data", Int24(1, 2)));
        Rejected(file, "fmt ", 12, "a WAVE_FORMAT_EXTENSIBLE fmt chunk is 24 bytes; 40 expected");
    }

    [Fact]
    public void Unsupported_format_tag_is_rejected_at_the_tag()
    {
        var file = Riff(new Chunk("fmt ", Fmt(2, 2, 48000, 16)), new Chunk("data", Int16(1, 2)));
        Rejected(file, "fmt ", 20, "unsupported wFormatTag 0x0002");
    }

    [Fact]
    public void Unsupported_pcm_bit_depth_is_rejected_at_the_bits_field()
    {
        var file = Riff(new Chunk("fmt ", Fmt(1, 2, 48000, 8)), new Chunk("data", new byte[4]));
        Rejected(file, "fmt ", 34, "unsupported PCM wBitsPerSample 8; 16, 24 or 32 expected");
    }

    [Fact]
    public void Unsupported_float_bit_depth_is_rejected_at_the_bits_field()
    {
        var file = Riff(new Chunk("fmt ", Fmt(3, 1, 48000, 16)), new Chunk("data", new byte[4]));
        Rejected(file, "fmt ", 34, "unsupported IEEE float wBitsPerSample 16; 32 or 64 expected");
    }

    [Fact]
    public void Unsupported_subformat_guid_is_rejected_at_the_guid()
    {
        var file = Riff(new Chunk("fmt ", FmtExtensible(2, 2, 48000, 16, 0x3)), new Chunk("data", Int16(1, 2)));
        Rejected(file, "fmt ", 44, "unsupported SubFormat GUID 00000002-0000-0010-8000-00aa00389b71");
    }

    [Fact]
    public void Block_align_mismatch_is_rejected_at_the_block_align_field()
    {
        var file = Riff(new Chunk("fmt ", Fmt(1, 2, 48000, 24, blockAlign: 8)), new Chunk("data", Int24(1, 2)));
        Rejected(file, "fmt ", 32, "nBlockAlign is 8; expected 6 (2 channels × 3 bytes)");
    }

    [Fact]
    public void Zero_channels_is_rejected_at_the_channel_field()
    {
        var file = Riff(new Chunk("fmt ", Fmt(1, 0, 48000, 16)), new Chunk("data", Int16(1, 2)));
        Rejected(file, "fmt ", 22, "nChannels is 0");
    }

    [Fact]
    public void Zero_sample_rate_is_rejected_at_the_rate_field()
    {
        var file = Riff(new Chunk("fmt ", Fmt(1, 2, 0, 16)), new Chunk("data", Int16(1, 2)));
        Rejected(file, "fmt ", 24, "nSamplesPerSec is 0");
    }

    [Fact]
    public void A_chunk_running_past_the_end_of_the_file_is_rejected_at_its_header()
    {
        var file = Riff(Fmt16Stereo, new Chunk("LIST", new byte[10], DeclaredSize: 1000));
        Rejected(file, "LIST", 36, "the chunk declares 1000 bytes but only 10 remain before the end of the file");
    }

    [Fact]
    public void A_truncated_data_chunk_is_rejected_with_the_number_of_missing_bytes()
    {
        var file = Riff(Fmt16Stereo, new Chunk("data", Int16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), DeclaredSize: 100));
        Rejected(file, "data", 36, "the data chunk declares 100 bytes but the file ends after 20 of them: 80 bytes missing");
    }

    [Fact]
    public void An_rf64_file_without_ds64_first_is_rejected()
    {
        var file = Riff(Fmt16Stereo, new Chunk("data", Int16(1, 2)));
        "RF64"u8.CopyTo(file);
        Rejected(file, "ds64", 12, "an RF64 file must start with a 'ds64' chunk, found 'fmt '");
    }

    [Fact]
    public void Chunks_in_any_order_around_fmt_and_data_are_walked_with_odd_pad_bytes()
    {
        // An odd-sized LIST before fmt (with its pad byte), bext after data, and an odd trailing chunk without pad.
        var file = Riff(new Chunk("LIST", new byte[7]), new Chunk("fmt ", Fmt(1, 1, 44100, 24)),
            new Chunk("data", Int24(1, 2, 3)), new Chunk("bext", Bext(123456789)), new Chunk("junk", new byte[3], Pad: false));
        var info = WavFile.Probe(_folder.Write("order.wav", file));
        Assert.Equal((1, 44100, 3L, SampleFormat.Int24, 123456789L, "RIFF"),
            (info.Channels, info.SampleRate, info.Frames, info.Format, info.TimeReference!.Value, info.Container));
    }

    [Fact]
    public void Rf64_sizes_come_from_ds64_when_the_size_fields_are_all_ones()
    {
        var samples = Int16(100, -100, 200, -200, 300, -300);
        var file = Rf64("RF64", samples.Length, 3, [], new Chunk("fmt ", Fmt(1, 2, 48000, 16)),
            new Chunk("data", samples, DeclaredSize: 0xFFFFFFFF));
        var info = WavFile.Probe(_folder.Write("rf64.wav", file));
        Assert.Equal(("RF64", 3L, 2), (info.Container, info.Frames, info.Channels));
    }

    [Fact]
    public void Bw64_with_a_ds64_table_entry_sizes_any_chunk_marked_all_ones()
    {
        var samples = Int24(1, 2, 3, 4);
        var file = Rf64("BW64", samples.Length, 4, [("LIST", 6)], new Chunk("LIST", new byte[6], DeclaredSize: 0xFFFFFFFF),
            new Chunk("fmt ", FmtExtensible(1, 1, 48000, 24, 0x4)), new Chunk("data", samples, DeclaredSize: 0xFFFFFFFF));
        var info = WavFile.Probe(_folder.Write("bw64.wav", file));
        Assert.Equal(("BW64", 4L, 0x4u), (info.Container, info.Frames, info.ChannelMask));
    }

    [Fact]
    public void An_all_ones_chunk_size_missing_from_the_ds64_table_is_rejected()
    {
        var file = Rf64("RF64", 4, 2, [], new Chunk("LIST", new byte[6], DeclaredSize: 0xFFFFFFFF),
            new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(1, 2)));
        Rejected(file, "LIST", 48, "the ds64 table holds no size for this chunk");
    }

    [Fact]
    public void A_riff_written_past_4_GiB_with_wrapped_sizes_is_read_to_its_true_length()
    {
        // One declared stereo 16-bit frame; the file is then extended (sparse) by exactly 4 GiB of data, as a writer
        // that keeps 32-bit sizes leaves them: RIFF and data sizes wrapped modulo 2^32.
        string path = _folder.Write("wrapped.wav", Riff(Fmt16Stereo, new Chunk("data", Int16(1, -1))));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length + (1L << 32));
        var info = WavFile.Probe(path);
        Assert.Equal((1L << 30) + 1, info.Frames);
    }

    [Fact]
    public void A_riff_whose_trailing_bytes_are_not_a_whole_4_GiB_step_keeps_its_declared_data_size()
    {
        var file = Riff(Fmt16Stereo, new Chunk("data", Int16(1, -1)));
        string path = _folder.Write("trailing.wav", file);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length + 1000);
        Assert.Equal(1L, WavFile.Probe(path).Frames);
    }

    [Fact]
    public void Extensible_float_reports_its_mask_and_a_missing_bext_gives_no_time_reference()
    {
        var file = Riff(new Chunk("fmt ", FmtExtensible(3, 6, 96000, 32, 0x60F)), new Chunk("fact", new byte[4]),
            new Chunk("data", Float32(0, 0, 0, 0, 0, 0)));
        var info = WavFile.Probe(_folder.Write("float.wav", file));
        Assert.Equal((SampleFormat.Float32, 0x60Fu, 96000, (long?)null), (info.Format, info.ChannelMask, info.SampleRate, info.TimeReference));
    }
}
