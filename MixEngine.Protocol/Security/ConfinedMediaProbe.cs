using MixEngine.Files;

namespace MixEngine.Protocol.Security;

/// <summary>
/// A media probe that refuses (with <see cref="PathConfinementException"/>) any clip media outside the media root
/// before opening it, then probes as <see cref="WavMediaProbe"/> does; used when a client's session is read, so a
/// session cannot make the server read a file outside the root. Any control thread.
/// </summary>
public sealed class ConfinedMediaProbe(PathRoots roots) : IMediaProbe
{
    /// <inheritdoc/>
    public MediaInfo Probe(string path)
    {
        roots.CheckMedia(path, "clip media");
        return WavMediaProbe.Instance.Probe(path);
    }
}
