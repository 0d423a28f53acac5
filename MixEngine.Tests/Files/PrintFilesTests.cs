using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>Option validation and writer choice of <see cref="PrintFiles"/>.</summary>
public sealed class PrintFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_non_positive_sample_rate_is_refused_before_any_file_is_created()
    {
        var options = PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int24) with { SampleRate = 0 };
        var e = Assert.Throws<ArgumentException>(() => PrintFiles.CreateInterleaved(_folder.File("PM.wav"), options));
        Assert.Contains("SampleRate is 0", e.Message);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_negative_time_reference_is_refused()
    {
        var options = PrintFixtures.Options(ChannelLayout.Stereo, SampleFormat.Int24) with { Metadata = PrintFixtures.Metadata(timeReference: -1) };
        var e = Assert.Throws<ArgumentException>(() => PrintFiles.CreateMultiMono(_folder.File("PM.wav"), options));
        Assert.Contains("TimeReference is -1", e.Message);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_zero_timecode_denominator_is_refused()
    {
        var options = PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16) with
        {
            Metadata = PrintFixtures.Metadata() with { TimecodeDenominator = 0 },
        };
        var e = Assert.Throws<ArgumentException>(() => PrintFiles.CreateInterleaved(_folder.File("PM.wav"), options));
        Assert.Contains("timecode rate 24000/0", e.Message);
    }

    [Fact]
    public void Interleaved_gives_one_path_and_multi_mono_one_per_label()
    {
        using var interleaved = PrintFiles.CreateInterleaved(_folder.File("PM.wav"), PrintFixtures.Options(ChannelLayout.Lcr, SampleFormat.Int24));
        using var multiMono = PrintFiles.CreateMultiMono(_folder.File("ST.wav"), PrintFixtures.Options(ChannelLayout.Lcr, SampleFormat.Int24));
        Assert.Equal([_folder.File("PM.wav")], interleaved.Paths);
        Assert.Equal([_folder.File("ST.L.wav"), _folder.File("ST.R.wav"), _folder.File("ST.C.wav")], multiMono.Paths);
    }

    [Fact]
    public void A_missing_folder_is_an_io_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() =>
            PrintFiles.CreateInterleaved(Path.Combine(_folder.Path, "absent", "PM.wav"), PrintFixtures.Options(ChannelLayout.Mono, SampleFormat.Int16)));
    }
}
