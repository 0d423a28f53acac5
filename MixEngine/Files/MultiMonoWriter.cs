namespace MixEngine.Files;

/// <summary>
/// Writes a print as one mono Broadcast WAVE per layout channel, named <c>STEM.LABEL.ext</c> (PM.wav → PM.L.wav,
/// PM.LFE.wav, …), each with the same bext/iXML metadata and TimeReference. Each file's channel mask is its speaker's
/// own WAVE bit (L → 0x1, C → 0x4, LFE → 0x8, Lss → 0x200 …; 0 for 9.1.6 speakers, which have none), so the feed is
/// identified by the file as well as its name; 16-bit files whose mask is the mono default 0x4 use a plain PCM fmt.
/// Channel k dithers with the same stream as channel k of the interleaved print, so both deliverables carry
/// identical samples. Threading as <see cref="IPrintWriter"/>.
/// </summary>
internal sealed class MultiMonoWriter : IPrintWriter
{
    private readonly BwfWriter[] _files;

    /// <summary>Creates the temporary files of every channel; control side.</summary>
    public MultiMonoWriter(string path, PrintFileOptions options, long promotionThreshold)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string stem = Path.GetFileNameWithoutExtension(fullPath);
        string extension = Path.GetExtension(fullPath);
        var speakers = options.Layout.Speakers;
        _files = new BwfWriter[speakers.Count];
        try
        {
            for (int c = 0; c < speakers.Count; c++)
            {
                string file = Path.Combine(folder, $"{stem}.{speakers[c].Label}{extension}");
                _files[c] = new BwfWriter(file, options, [speakers[c]], c, speakers[c].MaskBit, promotionThreshold);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        Paths = Array.ConvertAll(_files, f => f.FinalPath);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc/>
    public long FramesWritten => _files[0].FramesWritten;

    /// <inheritdoc/>
    public void RtWritePlanar(double[][] channels, int offset, int count)
    {
        for (int c = 0; c < _files.Length; c++) _files[c].RtWritePlanar(channels, offset, count);
    }

    /// <inheritdoc/>
    public void SetLoudness(BextLoudness loudness)
    {
        foreach (var file in _files) file.SetLoudness(loudness);
    }

    /// <inheritdoc/>
    public void Commit()
    {
        foreach (var file in _files) file.Finish();
        foreach (var file in _files) file.Publish();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var file in _files) file?.Dispose();
    }
}
