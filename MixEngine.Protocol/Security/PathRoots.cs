namespace MixEngine.Protocol.Security;

/// <summary>
/// Confines every file path a client sends to a configured root folder (media for sessions and clips, render for
/// prints). A path is refused with <see cref="PathConfinementException"/> naming it when it contains a <c>..</c>
/// segment, is absolute outside the root, or reaches outside through a symbolic link in any existing component; the
/// check happens before anything is read or written. Immutable; any thread.
/// </summary>
/// <param name="MediaRoot">Root of session files and media.</param>
/// <param name="RenderRoot">Root of render output folders.</param>
public sealed record PathRoots(string MediaRoot, string RenderRoot)
{
    /// <summary>The absolute path of <paramref name="clientPath"/> inside the media root; throws when it leaves it.</summary>
    public string Media(string clientPath, string field) => Confine(MediaRoot, clientPath, field, "media");

    /// <summary>The absolute path of <paramref name="clientPath"/> inside the render root; throws when it leaves it.</summary>
    public string Render(string clientPath, string field) => Confine(RenderRoot, clientPath, field, "render");

    /// <summary>Throws when <paramref name="absolutePath"/> (already resolved, e.g. a clip's media file) is not inside the media root.</summary>
    public void CheckMedia(string absolutePath, string field) => Confine(MediaRoot, absolutePath, field, "media");

    private static string Confine(string root, string clientPath, string field, string kind)
    {
        if (clientPath.IndexOf('\0') >= 0) throw new PathConfinementException($"{field}: path contains a NUL character");
        string rootFull = Real(Path.GetFullPath(root));
        var segments = clientPath.Split('/', '\\');
        if (segments.Any(s => s == ".."))
            throw new PathConfinementException($"{field}: '{clientPath}' contains '..'; paths must stay inside the {kind} root {rootFull}");
        string full = Path.GetFullPath(Path.IsPathRooted(clientPath) ? clientPath : Path.Combine(rootFull, clientPath));
        if (!Inside(rootFull, full))
            throw new PathConfinementException($"{field}: '{clientPath}' is outside the {kind} root {rootFull}");
        string real = Real(full);
        if (!Inside(rootFull, real))
            throw new PathConfinementException($"{field}: '{clientPath}' leads outside the {kind} root {rootFull} through a symbolic link (to {real})");
        return full;
    }

    private static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link of its existing components resolved (missing tail components kept as they are).</summary>
    private static string Real(string full)
    {
        string current = Path.GetPathRoot(full)!;
        var parts = full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists && info.LinkTarget is null) return Path.Combine([next, .. parts[(i + 1)..]]);
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            current = target is null ? next : Path.GetFullPath(target.FullName);
        }
        return current;
    }
}
