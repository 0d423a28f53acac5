using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Tests.Files;

/// <summary>Print options, metadata and deterministic planar signals shared by the Files tests.</summary>
public static class PrintFixtures
{
    /// <summary>01:00:00:00 at 23.976 in samples since midnight at 48 kHz (formats.md §6: 86,400 frames × 2002).</summary>
    public const long HourAt23976 = 172_972_800;

    /// <summary>Metadata of a 23.976 NDF reel starting at 01:00:00:00.</summary>
    public static BwfMetadata Metadata(long? timeReference = null, string codingHistory = "A=PCM,F=48000,W=24,M=multichannel,T=MixEngine\r\n") =>
        new("Demo reel printmaster", "MixEngine", "MXE0000000001", new DateTime(2026, 11, 24, 7, 30, 5),
            timeReference ?? Timecode(1, 0, 0, 0), codingHistory, 24000, 1001, false, "Demo reel");

    /// <summary>Print options for <paramref name="layout"/> at 48 kHz.</summary>
    public static PrintFileOptions Options(ChannelLayout layout, SampleFormat format, bool dither = false, ulong seed = 1) =>
        new(layout, 48000, format, dither, seed, Metadata());

    /// <summary>Samples since midnight of a 23.976 label, computed by the session's timecode model.</summary>
    public static long Timecode(int h, int m, int s, int f) =>
        new MixEngine.Session.Timecode(h, m, s, f, TimecodeRate.Fps23976).ToSamplesSinceMidnight(48000);

    /// <summary>Per-channel sines at distinct frequencies (440 Hz × (c+1)) with amplitude 0.5.</summary>
    public static double[][] Sines(int channels, int frames, int rate = 48000)
    {
        var data = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            data[c] = new double[frames];
            for (int i = 0; i < frames; i++) data[c][i] = 0.5 * Math.Sin(2 * Math.PI * 440.0 * (c + 1) * i / rate);
        }
        return data;
    }

    /// <summary>Values on the 16-bit grid (k / 32768), distinct per channel and frame, so every format stores them exactly.</summary>
    public static double[][] GridRamp(int channels, int frames)
    {
        var data = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            data[c] = new double[frames];
            for (int i = 0; i < frames; i++) data[c][i] = (((i * 37 + c * 4099) % 65536) - 32768) / 32768.0;
        }
        return data;
    }

    /// <summary>Reads a whole file through the production reader, every channel in file order.</summary>
    public static double[][] ReadAll(string path)
    {
        using var reader = WavFile.OpenRead(path);
        int channels = reader.Info.Channels, frames = (int)reader.Info.Frames;
        var data = new double[channels][];
        for (int c = 0; c < channels; c++) data[c] = new double[frames];
        reader.RtReadPlanar(0, frames, Enumerable.Range(0, channels).ToArray(), data, 0);
        return data;
    }
}
