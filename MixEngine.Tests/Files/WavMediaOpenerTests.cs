using MixEngine.Files;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Files;

/// <summary>The <see cref="IMediaOpener"/> adapter <see cref="WavMediaOpener"/>.</summary>
public sealed class WavMediaOpenerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_shared_opener_streams_the_file()
    {
        string path = _folder.Write("a.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(-16384, 16384))));
        using var reader = WavMediaOpener.Instance.Open(path);
        var destination = new[] { new double[3] };
        reader.RtReadPlanar(0, 3, [0], destination, 0);
        Assert.Equal([-0.5, 0.5, 0], destination[0]);
    }
}
