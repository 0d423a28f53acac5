namespace MixEngine.Devices;

/// <summary>
/// An audio output device as the realtime driver sees it: JACK (through libjack, which also serves PipeWire's JACK
/// layer) or the null clock device (real-time pace, no hardware). The device owns the audio thread: after
/// <see cref="Start"/> it calls <see cref="IAudioDeviceCallback.RtRender"/> once per period from that thread.
/// <para>Thread rules: <see cref="Open"/>, <see cref="Start"/>, <see cref="Stop"/> and <see cref="IDisposable.Dispose"/>
/// are control side and may block; properties may be read from any thread. The device reports outages (a JACK server
/// that went away) through <see cref="StatusChanged"/>, raised on a non-audio thread.</para>
/// </summary>
public interface IAudioDevice : IDisposable
{
    /// <summary>Short name for logs and the control side ("jack", "null").</summary>
    string Name { get; }

    /// <summary>Sample rate the device runs at (taken from the server for JACK); valid after <see cref="Open"/>.</summary>
    int SampleRate { get; }

    /// <summary>Frames per period (taken from the server for JACK); valid after <see cref="Open"/>.</summary>
    int BlockSize { get; }

    /// <summary>Current connection state.</summary>
    AudioDeviceStatus Status { get; }

    /// <summary>Raised (never on the audio thread) when <see cref="Status"/> changes, e.g. the server went away or came back.</summary>
    event Action<AudioDeviceStatus>? StatusChanged;

    /// <summary>
    /// Connects to the device and registers one output port per name in <paramref name="outputPorts"/> (in that order,
    /// e.g. "PM_712:L", "DX:C"); throws <see cref="AudioDeviceException"/> naming the device when it cannot. Control side.
    /// </summary>
    void Open(IReadOnlyList<string> outputPorts);

    /// <summary>Starts calling <paramref name="callback"/> once per period on the device's audio thread. Control side.</summary>
    void Start(IAudioDeviceCallback callback);

    /// <summary>Stops calling the callback; returns after the last call has finished. Control side.</summary>
    void Stop();
}

/// <summary>The realtime driver's side of a device: called once per period on the device's audio thread.</summary>
public interface IAudioDeviceCallback
{
    /// <summary>
    /// Fills <paramref name="outputs"/> (one array per registered port, in <see cref="IAudioDevice.Open"/> order, at
    /// least <paramref name="frames"/> long) with the next <paramref name="frames"/> frames. Audio thread: must not
    /// allocate, lock, log, await or throw.
    /// </summary>
    void RtRender(double[][] outputs, int frames);

    /// <summary>
    /// Counts an xrun the device reported (JACK's xrun callback); called on the device's audio or notification thread,
    /// must not allocate, lock, log or throw. Callbacks that keep no statistics leave it as is (it ignores the xrun).
    /// </summary>
    void RtCountXrun()
    {
    }
}

/// <summary>Connection state of an <see cref="IAudioDevice"/>.</summary>
public enum AudioDeviceStatus
{
    /// <summary>Not opened yet, or closed.</summary>
    Closed,

    /// <summary>Opened, ports registered, not running.</summary>
    Open,

    /// <summary>Calling the audio callback every period.</summary>
    Running,

    /// <summary>The server went away; the device tries to reconnect and resumes by itself.</summary>
    Disconnected,
}

/// <summary>A device could not be opened or started; the message names the device and what failed.</summary>
public sealed class AudioDeviceException(string message, Exception? inner = null) : Exception(message, inner);
