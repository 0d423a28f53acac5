namespace MixEngine.Session;

/// <summary>
/// A session file cannot be used. Thrown by <see cref="SessionReader"/> after the whole file was checked, so
/// <see cref="Problems"/> holds every problem found (syntax, fields, values, media, routing), one per message line.
/// </summary>
public sealed class SessionValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> (the session file path or a caller-chosen name).</summary>
    public SessionValidationException(string source, IReadOnlyList<SessionProblem> problems)
        : base(Describe(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The session file (or name) the problems were found in.</summary>
    public new string Source { get; }

    /// <summary>Every problem found, in document order within each checking pass.</summary>
    public IReadOnlyList<SessionProblem> Problems { get; }

    private static string Describe(string source, IReadOnlyList<SessionProblem> problems)
    {
        string header = problems.Count == 1
            ? $"Session {source} has 1 problem:"
            : $"Session {source} has {problems.Count} problems:";
        return header + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}
