namespace MixEngine.Files;

/// <summary>
/// Creates print writers: an interleaved multichannel BWF in the layout's mask order, or multi-mono BWFs with
/// channel-label suffixes (docs/file-formats.md). Control side: validates the options and creates temporary files;
/// throws <see cref="ArgumentException"/> for invalid options and I/O exceptions when the folder is not writable.
/// </summary>
public static class PrintFiles
{
    /// <summary>Starts an interleaved BWF print that becomes <paramref name="path"/> on commit; control side.</summary>
    public static IPrintWriter CreateInterleaved(string path, PrintFileOptions options) =>
        CreateInterleaved(path, options, BwfWriter.RiffSizeLimit);

    /// <summary>Starts a multi-mono print: <paramref name="path"/> "PM.wav" becomes "PM.L.wav", "PM.R.wav", … on commit; control side.</summary>
    public static IPrintWriter CreateMultiMono(string path, PrintFileOptions options) =>
        CreateMultiMono(path, options, BwfWriter.RiffSizeLimit);

    /// <summary>As <see cref="CreateInterleaved(string, PrintFileOptions)"/> with the RIFF size above which commit promotes to RF64 (tests use small values).</summary>
    internal static IPrintWriter CreateInterleaved(string path, PrintFileOptions options, long promotionThreshold)
    {
        Validate(options);
        var layout = options.Layout;
        return new BwfWriter(path, options, layout.Speakers, 0, layout.ChannelMask, promotionThreshold);
    }

    /// <summary>As <see cref="CreateMultiMono(string, PrintFileOptions)"/> with the RF64 promotion threshold.</summary>
    internal static IPrintWriter CreateMultiMono(string path, PrintFileOptions options, long promotionThreshold)
    {
        Validate(options);
        return new MultiMonoWriter(path, options, promotionThreshold);
    }

    private static void Validate(PrintFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Layout, nameof(options.Layout));
        ArgumentNullException.ThrowIfNull(options.Metadata, nameof(options.Metadata));
        if (options.SampleRate <= 0)
            throw new ArgumentException($"SampleRate is {options.SampleRate}; a positive rate in Hz expected", nameof(options));
        if (!Enum.IsDefined(options.Format))
            throw new ArgumentException($"Format {(int)options.Format} is not a SampleFormat", nameof(options));
        var m = options.Metadata;
        if (m.TimeReference < 0)
            throw new ArgumentException($"Metadata.TimeReference is {m.TimeReference}; samples since midnight (>= 0) expected", nameof(options));
        if (m.TimecodeNumerator <= 0 || m.TimecodeDenominator <= 0)
            throw new ArgumentException($"Metadata timecode rate {m.TimecodeNumerator}/{m.TimecodeDenominator}; positive numerator and denominator expected", nameof(options));
        ArgumentNullException.ThrowIfNull(m.Description, nameof(m.Description));
        ArgumentNullException.ThrowIfNull(m.Originator, nameof(m.Originator));
        ArgumentNullException.ThrowIfNull(m.OriginatorReference, nameof(m.OriginatorReference));
        ArgumentNullException.ThrowIfNull(m.CodingHistory, nameof(m.CodingHistory));
        ArgumentNullException.ThrowIfNull(m.Project, nameof(m.Project));
    }
}
