using System.Runtime.InteropServices;

namespace MixEngine.Devices.Jack;

/// <summary>
/// Loads libjack once per process and routes its error and information printers away from stderr: an error line is
/// kept (<see cref="LastError"/>) and quoted in the device's exception messages, so a missing server does not
/// spray libjack's own lines over the service log. The first line after <see cref="ClearLastError"/> is kept, since
/// libjack follows the cause with clean-up lines. Control side, except the printers, which libjack may call on any of
/// its threads and which copy without allocating.
/// </summary>
internal static unsafe class JackLibrary
{
    private static readonly JackText s_lastError = new();
    private static readonly Lock s_gate = new();
    private static bool s_loaded;

    /// <summary>libjack's first error line since <see cref="ClearLastError"/>, or null; control side.</summary>
    public static string? LastError => s_lastError.Read();

    /// <summary>
    /// Makes sure libjack.so.0 can be loaded and installs the printers; throws <see cref="AudioDeviceException"/> naming
    /// the library and the packages that provide it when it cannot. Control side.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (s_gate)
        {
            if (s_loaded) return;
            if (!NativeLibrary.TryLoad(LibJack.Library, out _))
                throw new AudioDeviceException(
                    $"JACK: {LibJack.Library} could not be loaded; install the JACK client library (Debian: libjack-jackd2-0, or pipewire-jack for PipeWire's JACK layer)");
            LibJack.jack_set_error_function(&RtOnError);
            LibJack.jack_set_info_function(&RtOnInfo);
            s_loaded = true;
        }
    }

    /// <summary>Forgets the last error line, so the next failure quotes only its own; control side.</summary>
    public static void ClearLastError() => s_lastError.RtCopy(0);

    /// <summary>Explains a jack_status_t in words (jack/types.h JackStatus bits).</summary>
    public static string DescribeStatus(int status)
    {
        var parts = new List<string>();
        if ((status & 0x10) != 0) parts.Add("no server could be reached");
        if ((status & 0x20) != 0) parts.Add("communication error with the server");
        if ((status & 0x02) != 0) parts.Add("invalid option");
        if ((status & 0x04) != 0) parts.Add("client name not unique");
        if ((status & 0x40) != 0) parts.Add("no such client");
        if ((status & 0x80) != 0) parts.Add("internal client could not be loaded");
        if ((status & 0x100) != 0) parts.Add("client could not be initialised");
        if ((status & 0x200) != 0) parts.Add("shared memory could not be accessed");
        if ((status & 0x400) != 0) parts.Add("client protocol version does not match the server's");
        if ((status & 0x800) != 0) parts.Add("backend error");
        if ((status & 0x1000) != 0) parts.Add("client is a zombie");
        if (parts.Count == 0 && (status & 0x01) != 0) parts.Add("the operation failed");
        return $"{string.Join(", ", parts)} (jack_status_t 0x{status:x})";
    }

    [UnmanagedCallersOnly]
    private static void RtOnError(nint message)
    {
        if (s_lastError.IsEmpty) s_lastError.RtCopy(message);
    }

    /// <summary>Drops libjack's information lines (connection chatter); errors are kept by <see cref="RtOnError"/>.</summary>
    [UnmanagedCallersOnly]
    private static void RtOnInfo(nint message)
    {
    }
}
