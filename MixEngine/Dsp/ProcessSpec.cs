namespace MixEngine.Dsp;

/// <summary>
/// What a kernel is prepared for: the sample rate, the largest block it will be asked to process and the number of
/// channels it processes together (linked dynamics, multichannel EQ). Passed to a kernel's <c>Prepare</c>, which may
/// allocate; <c>Reset</c> clears state and keeps settings; <c>RtProcess</c> never allocates, locks or throws.
/// </summary>
/// <param name="SampleRate">Samples per second (44 100, 48 000, 96 000, …).</param>
/// <param name="MaxBlockSize">Largest number of frames passed to one process call.</param>
/// <param name="Channels">Channels processed together.</param>
public readonly record struct ProcessSpec(int SampleRate, int MaxBlockSize, int Channels)
{
    /// <summary>Throws when a value cannot be processed (rate or block size not positive, no channels); control side.</summary>
    public void Validate()
    {
        if (SampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "the sample rate must be positive");
        if (MaxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(MaxBlockSize), MaxBlockSize, "the block size must be positive");
        if (Channels <= 0) throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "a kernel processes at least one channel");
    }
}
