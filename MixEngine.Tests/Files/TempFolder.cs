namespace MixEngine.Tests.Files;

/// <summary>A fresh folder under the system temp directory, deleted with its content on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("mixengine-test-").FullName;
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Full path of <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A peer tool may still hold a file open on some systems; the OS temp cleaner removes the rest.
        }
    }
}
