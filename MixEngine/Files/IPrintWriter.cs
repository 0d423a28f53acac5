namespace MixEngine.Files;

/// <summary>
/// Writes one print (an interleaved BWF, or a set of multi-mono BWFs) to a temporary name and renames it into place
/// on <see cref="Commit"/>. <see cref="RtWritePlanar"/> is called from one thread at a time; it converts from 64-bit
/// float (with TPDF dither when reducing to 16/24 bits and dither is on) and never allocates after construction.
/// Disposing without <see cref="Commit"/> deletes the temporary files, so a failed render leaves no partial file.
/// </summary>
public interface IPrintWriter : IDisposable
{
    /// <summary>The final paths this writer produces (one, or one per channel for multi-mono).</summary>
    IReadOnlyList<string> Paths { get; }

    /// <summary>Frames written so far.</summary>
    long FramesWritten { get; }

    /// <summary>Appends <paramref name="count"/> frames from <c>channels[c][offset ..]</c>, one array per channel in layout order.</summary>
    void RtWritePlanar(double[][] channels, int offset, int count);

    /// <summary>Sets the bext v2 loudness fields written at <see cref="Commit"/> (unset fields stay 0x7FFF, "not measured"); control side, before commit.</summary>
    void SetLoudness(BextLoudness loudness);

    /// <summary>Finalises headers (sizes, RF64 promotion past 4 GiB) and renames the temporary files to <see cref="Paths"/>.</summary>
    void Commit();
}
