namespace MixEngine.Files;

/// <summary>Sample coding of a WAV file's data chunk.</summary>
public enum SampleFormat
{
    /// <summary>16-bit signed integer PCM.</summary>
    Int16,

    /// <summary>24-bit signed integer PCM, packed in 3 bytes.</summary>
    Int24,

    /// <summary>32-bit signed integer PCM.</summary>
    Int32,

    /// <summary>32-bit IEEE float.</summary>
    Float32,

    /// <summary>64-bit IEEE float.</summary>
    Float64,
}
