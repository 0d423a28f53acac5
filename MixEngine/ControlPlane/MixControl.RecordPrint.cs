using MixEngine.Realtime;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    /// <inheritdoc/>
    public string StartRecordPrint(ControlClientId client, string directory) => StartRecordPrint(client, directory, null);

    /// <summary>As <see cref="StartRecordPrint(ControlClientId, string)"/>, with the take's ring size and bext origination (tests fix it for byte-equal files); any control thread.</summary>
    public string StartRecordPrint(ControlClientId client, string directory, RecordPrintOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _clients.Check(client);
        return _engine.StartRecordPrint(directory, options, ArmedPrintBuses()).Directory;
    }

    /// <inheritdoc/>
    public RecordPrintReport? StopRecordPrint(ControlClientId client)
    {
        _clients.Check(client);
        return _engine.StopRecordPrint();
    }

    /// <inheritdoc/>
    public RecordPrintProgress? RecordPrinting =>
        _engine.RecordPrint is { } take ? new RecordPrintProgress(take.Directory, take.FramesWritten, take.OverrunFrames, take.Discontinuities) : null;
}
