using MixEngine.Files;
using MixEngine.Offline;

namespace MixEngine.Tests.Offline;

public class PrintMetadataTests
{
    [Theory]
    [InlineData(SampleFormat.Int16, 2, "A=PCM,F=48000,W=16,M=stereo,T=MixEngine\r\n")]
    [InlineData(SampleFormat.Int24, 10, "A=PCM,F=48000,W=24,M=multichannel,T=MixEngine\r\n")]
    [InlineData(SampleFormat.Float64, 1, "A=PCM,F=48000,W=64,M=mono,T=MixEngine\r\n")]
    public void Coding_history_names_rate_word_length_and_mode(SampleFormat format, int channels, string expected) =>
        Assert.Equal(expected, PrintMetadata.CodingHistory(48000, format, channels));

    [Fact]
    public void Dither_seed_depends_only_on_the_file_name()
    {
        // FNV-1a 64 of the empty string is its offset basis; a fixed value pins the derivation across runs and machines.
        Assert.Equal(14695981039346656037UL, PrintMetadata.DitherSeed(""));
        Assert.Equal(PrintMetadata.DitherSeed("PM_712.wav"), PrintMetadata.DitherSeed("PM_712.wav"));
        Assert.NotEqual(PrintMetadata.DitherSeed("PM_712.wav"), PrintMetadata.DitherSeed("PM_712.WAV"));
    }
}
