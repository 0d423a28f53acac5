using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>A scripted pass file cannot be used; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class PassScriptException : Exception
{
    /// <summary>Creates the exception for the file <paramref name="source"/>.</summary>
    public PassScriptException(string source, IReadOnlyList<SessionProblem> problems)
        : base($"Pass file {source} has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SessionProblem> Problems { get; }
}
