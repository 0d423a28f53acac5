namespace MixEngine.Session;

/// <summary>One thing wrong with a session file: where (JSON path), what is wrong and what was expected, and the media or output file involved.</summary>
/// <param name="JsonPath">Path of the offending value, e.g. <c>$.tracks[2].clips[0].fadeIn.shape</c> (<c>$</c> for the whole document).</param>
/// <param name="Message">What is wrong and what is expected.</param>
/// <param name="File">The media or output file concerned, or null.</param>
public sealed record SessionProblem(string JsonPath, string Message, string? File = null)
{
    /// <summary>One line for error output: path, message and (when set) the file.</summary>
    public override string ToString() => File is null ? $"{JsonPath}: {Message}" : $"{JsonPath}: {Message} (file: {File})";
}
