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

    /// <summary>
    /// Measures <paramref name="path"/>; with <paramref name="dialoguePath"/> (the DX stem printed with it: same rate,
    /// same length) also the dialogue-stem-gated loudness. Observes <paramref name="cancellationToken"/> between blocks.
    /// </summary>
    public static FileLoudness MeasureFile(string path, string? dialoguePath = null, DialogueGateOptions? gate = null,
        IMediaOpener? opener = null, CancellationToken cancellationToken = default)
    {
        opener ??= WavMediaOpener.Instance;
        using var reader = opener.Open(path);
        using var dialogueReader = dialoguePath is null ? null : opener.Open(dialoguePath);
        var info = reader.Info;
        if (dialogueReader is { Info: var d } && (d.SampleRate != info.SampleRate || d.Frames != info.Frames))
            throw new ArgumentException($"{dialoguePath}: the dialogue stem must have the programme's sample rate and length " +
                $"({info.SampleRate} Hz, {info.Frames} frames); it has {d.SampleRate} Hz, {d.Frames} frames");

        var (meter, layout) = MeterFor(info);
        var programme = Buffers(info.Channels);
        var map = Enumerable.Range(0, info.Channels).ToArray();
        DialogueGatedMeter? gated = null;
        double[][] dialogue = [];
        int[] dialogueMap = [];
        if (dialogueReader is not null)
        {
            var dialogueLayout = LoudnessChannelWeights.LayoutOf(dialogueReader.Info);
            gated = new DialogueGatedMeter(info.SampleRate, Weights(info, layout), Weights(dialogueReader.Info, dialogueLayout));
            dialogue = Buffers(dialogueReader.Info.Channels);
            dialogueMap = Enumerable.Range(0, dialogueReader.Info.Channels).ToArray();
        }
        for (long frame = 0; frame < info.Frames; frame += BlockFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(BlockFrames, info.Frames - frame);
            reader.RtReadPlanar(frame, n, map, programme, 0);
            meter.RtProcess(programme, 0, n);
            if (gated is null) continue;
            dialogueReader!.RtReadPlanar(frame, n, dialogueMap, dialogue, 0);
            gated.RtProcess(programme, dialogue, 0, n);
        }
        return Summarise(meter, info.Path, layout?.Name ?? "unknown", info.Frames) with { Dialogue = gated?.Result(gate) };
    }

    /// <summary>A meter weighted for <paramref name="info"/>'s layout, and that layout (null when unknown).</summary>
    public static (LoudnessMeter Meter, ChannelLayout? Layout) MeterFor(MediaInfo info)
    {
        var layout = LoudnessChannelWeights.LayoutOf(info);
        return (new LoudnessMeter(info.SampleRate, Weights(info, layout)), layout);
    }

    private static double[] Weights(MediaInfo info, ChannelLayout? layout) =>
        layout is null ? Enumerable.Repeat(1.0, info.Channels).ToArray() : LoudnessChannelWeights.For(layout);

    private static double[][] Buffers(int channels)
    {
        var buffers = new double[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new double[BlockFrames];
        return buffers;
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
