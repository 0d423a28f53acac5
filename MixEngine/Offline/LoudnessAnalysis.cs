using MixEngine.Dsp.Loudness;
using MixEngine.Files;

namespace MixEngine.Offline;

/// <summary>
/// Measures loudness and peaks of media files by streaming them through a <see cref="LoudnessMeter"/> (memory does not
/// grow with the file's length). Control side or a worker thread; throws <see cref="MediaFormatException"/> for a
/// malformed file (naming file, chunk and offset) and I/O exceptions when it cannot be read.
/// </summary>
public static class LoudnessAnalysis
{
    private const int BlockFrames = 16384;

    /// <summary>Measures <paramref name="path"/>; observes <paramref name="cancellationToken"/> between blocks.</summary>
    public static FileLoudness MeasureFile(string path, IMediaOpener? opener = null, CancellationToken cancellationToken = default)
    {
        using var reader = (opener ?? WavMediaOpener.Instance).Open(path);
        var info = reader.Info;
        var layout = LoudnessChannelWeights.LayoutOf(info);
        var weights = layout is null ? Enumerable.Repeat(1.0, info.Channels).ToArray() : LoudnessChannelWeights.For(layout);
        var meter = new LoudnessMeter(info.SampleRate, weights);
        var buffers = new double[info.Channels][];
        for (int c = 0; c < buffers.Length; c++) buffers[c] = new double[BlockFrames];
        var map = Enumerable.Range(0, info.Channels).ToArray();
        for (long frame = 0; frame < info.Frames; frame += BlockFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(BlockFrames, info.Frames - frame);
            reader.RtReadPlanar(frame, n, map, buffers, 0);
            meter.RtProcess(buffers, 0, n);
        }
        return Summarise(meter, info.Path, layout?.Name ?? "unknown", info.Frames);
    }

    /// <summary>Turns a meter's readings into a <see cref="FileLoudness"/> record.</summary>
    public static FileLoudness Summarise(LoudnessMeter meter, string path, string layout, long frames)
    {
        double truePeak = 0, samplePeak = 0;
        for (int c = 0; c < meter.ChannelCount; c++)
        {
            truePeak = Math.Max(truePeak, meter.TruePeak(c));
            samplePeak = Math.Max(samplePeak, meter.SamplePeak(c));
        }
        return new FileLoudness(path, layout, meter.ChannelCount, meter.SampleRate, frames,
            meter.Integrated, meter.LoudnessRange, LoudnessMath.AmplitudeToDb(truePeak), LoudnessMath.AmplitudeToDb(samplePeak),
            meter.MaxMomentary, meter.MaxShortTerm);
    }
}
