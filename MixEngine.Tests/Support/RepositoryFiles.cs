namespace MixEngine.Tests.Support;

/// <summary>Finds files of the repository (docs, schema) from a test run, by walking up to the folder holding MixEngine.sln.</summary>
public static class RepositoryFiles
{
    /// <summary>Full path of <paramref name="relativePath"/> in the repository.</summary>
    public static string PathOf(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MixEngine.sln"))) return Path.Combine(dir.FullName, relativePath);
        throw new DirectoryNotFoundException($"no MixEngine.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The first ```json code block after the heading <paramref name="heading"/> in a Markdown file of the repository.</summary>
    public static string JsonBlockAfter(string markdownPath, string heading)
    {
        string text = File.ReadAllText(PathOf(markdownPath));
        int at = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{markdownPath} has no heading '{heading}'");
        int start = text.IndexOf("```json\n", at, StringComparison.Ordinal) + "```json\n".Length;
        int end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        return text[start..end];
    }
}
