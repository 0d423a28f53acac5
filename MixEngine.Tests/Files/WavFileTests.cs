using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>The public reading entry points <see cref="WavFile.Probe"/> and <see cref="WavFile.OpenRead"/>.</summary>
public sealed class WavFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Probe_reports_the_header_facts_with_the_full_path()
    {
        string path = _folder.Write("dx.wav", Riff(new Chunk("bext", Bext(PrintFixtures.HourAt23976)),
            new Chunk("fmt ", FmtExtensible(1, 2, 48000, 24, 0x3)), new Chunk("data", Int24(1, 2, 3, 4, 5, 6))));
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        Assert.Equal(new MediaInfo(path, 2, 48000, 3, SampleFormat.Int24, 0x3, PrintFixtures.HourAt23976, "RIFF"), WavFile.Probe(relative));
    }

    [Fact]
    public void OpenRead_gives_a_reader_with_the_same_facts_as_probe()
    {
        string path = _folder.Write("fx.wav", Riff(new Chunk("fmt ", Fmt(3, 1, 44100, 32)), new Chunk("data", Float32(0.25f, -0.5f))));
        using var reader = WavFile.OpenRead(path);
        Assert.Equal(WavFile.Probe(path), reader.Info);
        var destination = new[] { new double[2] };
        reader.RtReadPlanar(0, 2, [0], destination, 0);
        Assert.Equal([0.25, -0.5], destination[0]);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => WavFile.Probe(_folder.File("absent.wav")));
        Assert.Throws<FileNotFoundException>(() => WavFile.OpenRead(_folder.File("absent.wav")));
    }

    [Fact]
    public void A_malformed_file_is_rejected_by_open_read_too()
    {
        string path = _folder.Write("bad.wav", Riff(new Chunk("fmt ", Fmt(1, 2, 48000, 16))));
        var e = Assert.Throws<MediaFormatException>(() => WavFile.OpenRead(path));
        Assert.Equal(("data", path), (e.Chunk, e.FilePath));
    }
}
