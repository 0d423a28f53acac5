namespace MixEngine.Session;

/// <summary>Collects the problems found while reading one session so they can all be reported together; control side, one thread.</summary>
internal sealed class SessionProblemList
{
    private readonly List<SessionProblem> _problems = [];

    /// <summary>Every problem recorded so far.</summary>
    public IReadOnlyList<SessionProblem> All => _problems;

    /// <summary>Number of problems recorded so far.</summary>
    public int Count => _problems.Count;

    /// <summary>Records a problem at <paramref name="jsonPath"/>.</summary>
    public void Add(string jsonPath, string message, string? file = null) => _problems.Add(new SessionProblem(jsonPath, message, file));
}
