using MixEngine.Dsp;

namespace MixEngine.Files;

/// <summary>
/// Streams decoded samples from one media file. Open on the control side (may allocate, may throw
/// <see cref="MediaFormatException"/>); <see cref="RtReadPlanar"/> is then called from one render thread at a time
/// and never allocates, locks or throws for in-range arguments. Implementations read ahead on a disk thread so that
/// sequential reads rarely wait for the disk, with memory bounded independently of the media length.
/// </summary>
public interface IMediaReader : IDisposable
{
    /// <summary>Header facts of the file.</summary>
    MediaInfo Info { get; }

    /// <summary>
    /// The first read that failed after open (the file was truncated, replaced or became unreadable), naming the file,
    /// chunk and byte offset; null while every read succeeded. Those frames were delivered as zeros, so a caller that
    /// must not print silence in their place (the offline renderer) checks this after each block. Control side.
    /// </summary>
    MediaFormatException? ReadFailure { get; }

    /// <summary>
    /// Decodes <paramref name="count"/> frames starting at media frame <paramref name="sourceFrame"/> into
    /// <c>destination[k][destinationOffset ..]</c> for each k, taking media channel <c>channelMap[k]</c> (0-based).
    /// Frames before 0 or past the end are written as zeros. Samples are scaled to ±1.0 full scale
    /// (integer PCM divided by 2^(bits−1), so 16/24/32-bit values convert exactly).
    /// </summary>
    void RtReadPlanar(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset);

    /// <summary>
    /// As <see cref="RtReadPlanar"/>, each sample x written as 0 + x·<paramref name="gain"/>: a clip gain applied onto
    /// silence, bit for bit what reading and then scaling every sample onto zero gives (<see cref="MixSum.RtScaleOntoZero"/>).
    /// A reader may apply the gain while it decodes (<see cref="WavReader"/> does, in the same product where that rounds
    /// the same). Rt, as <see cref="RtReadPlanar"/>.
    /// </summary>
    void RtReadPlanarOntoZero(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset, double gain)
    {
        RtReadPlanar(sourceFrame, count, channelMap, destination, destinationOffset);
        for (int k = 0; k < channelMap.Length; k++) MixSum.RtScaleOntoZero(destination[k].AsSpan(destinationOffset, count), gain);
    }

    /// <summary>
    /// Asks the processor for the media bytes a read of frames [<paramref name="sourceFrame"/>, +<paramref name="count"/>)
    /// will decode, where the reader holds them already (a hint issued shortly before the read; nothing is read, loaded
    /// or changed). Nothing by default. Rt, on any render worker, possibly while another worker reads this reader: it
    /// must not fault on state it finds mid-change.
    /// </summary>
    void RtPrefetchFrames(long sourceFrame, int count) { }

    /// <summary>
    /// Loads what a read starting at media frame <paramref name="sourceFrame"/> needs (and queues what follows), so the
    /// first render there reads nothing from disk on its thread. Control side, and only while no render thread reads
    /// this reader (before its plan plays). Readers that hold their media in memory have nothing to do.
    /// </summary>
    void Cue(long sourceFrame) { }
}
