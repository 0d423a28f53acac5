namespace MixEngine.Surfaces.Midi;

/// <summary>
/// An ALSA raw MIDI device file opened for reading and writing as a byte stream (spec surfaces.md §5.2, option (a):
/// no libasound needed). Raw MIDI devices usually allow one opener; opening fails with a message naming the path
/// when the device is busy or missing. One reader; sends are serialised and may come from any thread.
/// </summary>
public sealed class AlsaRawMidiPort : IMidiPort
{
    private readonly FileStream _read;
    private readonly FileStream _write;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private AlsaRawMidiPort(string id, FileStream read, FileStream write)
    {
        Id = id;
        _read = read;
        _write = write;
    }

    /// <summary>Opens <paramref name="device"/>; control thread.</summary>
    public static AlsaRawMidiPort Open(AlsaRawMidiDevice device) => Open(device.Id, device.Path);

    /// <summary>Opens a device file (or anything that behaves like one, e.g. a FIFO) under a given identity.</summary>
    public static AlsaRawMidiPort Open(string id, string path)
    {
        try
        {
            var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, useAsync: false);
            try
            {
                var write = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0, useAsync: false);
                return new AlsaRawMidiPort(id, read, write);
            }
            catch
            {
                read.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"MIDI port {id}: cannot open {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _write.WriteAsync(bytes, cancellationToken);
            await _write.FlushAsync(cancellationToken);
        }
        finally { _sending.Release(); }
    }

    /// <inheritdoc />
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try { return await _read.ReadAsync(buffer, cancellationToken); }
        catch (ObjectDisposedException) { return 0; }
    }

    /// <summary>Closes the device file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _write.DisposeAsync();
        await _read.DisposeAsync();
        _sending.Dispose();
    }
}
