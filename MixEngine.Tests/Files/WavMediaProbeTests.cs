using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>The <see cref="IMediaProbe"/> adapter <see cref="WavMediaProbe"/>.</summary>
public sealed class WavMediaProbeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_shared_probe_reports_what_wav_file_probe_reports()
    {
        string path = _folder.Write("a.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(1, 2, 3))));
        IMediaProbe probe = WavMediaProbe.Instance;
        Assert.Equal(WavFile.Probe(path), probe.Probe(path));
        Assert.Same(WavMediaProbe.Instance, probe);
    }
}
