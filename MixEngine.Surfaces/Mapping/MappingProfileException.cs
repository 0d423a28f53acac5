namespace MixEngine.Surfaces.Mapping;

/// <summary>A mapping profile that cannot be used: every problem with the file and its JSON path (<c>$.controls[2].midi.channel</c>).</summary>
public sealed class MappingProfileException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> with <paramref name="problems"/> (each "JSON path: what is wrong").</summary>
    public MappingProfileException(string file, IReadOnlyList<string> problems)
        : base($"mapping profile {file}: {problems.Count} problem(s):" + string.Concat(problems.Select(p => "\n  " + p)))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The profile file (or the name it was read under).</summary>
    public string File { get; }

    /// <summary>Each problem as "JSON path: message".</summary>
    public IReadOnlyList<string> Problems { get; }
}
