using System.Runtime.InteropServices;

namespace MixEngine.Devices.Jack;

/// <summary>
/// The part of the libjack C API (jack/jack.h, jack/types.h of JACK 1.9) the JACK device uses, bound at run time to
/// <c>libjack.so.0</c>, which JACK 2 and PipeWire's JACK layer both provide. Handles are raw pointers; strings are UTF-8.
/// A missing library surfaces as <see cref="DllNotFoundException"/> on the first call. Thread rules follow libjack's:
/// <see cref="jack_port_get_buffer"/> is the only call made on the process thread.
/// </summary>
internal static unsafe partial class LibJack
{
    /// <summary>The library name libjack clients link against (soname of JACK 2 and of PipeWire's JACK layer).</summary>
    public const string Library = "libjack.so.0";

    /// <summary>jack_options_t JackNoStartServer: never start a server when none runs.</summary>
    public const int NoStartServer = 0x01;

    /// <summary>jack_options_t JackUseExactName: fail instead of renaming the client when the name is taken.</summary>
    public const int UseExactName = 0x02;

    /// <summary>jack_options_t JackServerName: the variadic argument names the server.</summary>
    public const int ServerName = 0x04;

    /// <summary>JackPortFlags JackPortIsInput.</summary>
    public const ulong PortIsInput = 0x1;

    /// <summary>JackPortFlags JackPortIsOutput.</summary>
    public const ulong PortIsOutput = 0x2;

    /// <summary>JACK_DEFAULT_AUDIO_TYPE: 32-bit float mono audio.</summary>
    public const string DefaultAudioType = "32 bit float mono audio";

    /// <summary>
    /// jack_client_open with the one variadic argument JackServerName takes (the server name; pass null without that
    /// option). On x86-64 and AArch64 Linux a variadic pointer argument is passed like a fixed one.
    /// </summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint jack_client_open(string clientName, int options, out int status, string? serverName);

    /// <summary>Closes a client (also a zombie one whose server went away); 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int jack_client_close(nint client);

    /// <summary>The client's actual name (the server may have made it unique); owned by libjack.</summary>
    [LibraryImport(Library)]
    public static partial nint jack_get_client_name(nint client);

    /// <summary>The server's sample rate in Hz.</summary>
    [LibraryImport(Library)]
    public static partial uint jack_get_sample_rate(nint client);

    /// <summary>The server's current period in frames.</summary>
    [LibraryImport(Library)]
    public static partial uint jack_get_buffer_size(nint client);

    /// <summary>Registers a port; returns null on failure.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint jack_port_register(nint client, string portName, string portType, ulong flags, ulong bufferSize);

    /// <summary>The port's buffer for this cycle; process thread only.</summary>
    [LibraryImport(Library)]
    public static partial nint jack_port_get_buffer(nint port, uint frames);

    /// <summary>The port's full name ("client:port"); owned by libjack.</summary>
    [LibraryImport(Library)]
    public static partial nint jack_port_name(nint port);

    /// <summary>Connects a source port to a destination port by full names; 0 on success, EEXIST when already connected.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int jack_connect(nint client, string sourcePort, string destinationPort);

    /// <summary>Full names of ports matching the regular expressions and flags, as a null-terminated array freed with <see cref="jack_free"/>; null when none.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint jack_get_ports(nint client, string? portNamePattern, string? typeNamePattern, ulong flags);

    /// <summary>Frees memory libjack returned.</summary>
    [LibraryImport(Library)]
    public static partial void jack_free(nint pointer);

    /// <summary>Tells the server the client is ready to process; callbacks start.</summary>
    [LibraryImport(Library)]
    public static partial int jack_activate(nint client);

    /// <summary>Removes the client from the process graph; returns after its last callback.</summary>
    [LibraryImport(Library)]
    public static partial int jack_deactivate(nint client);

    /// <summary>Sets int process(jack_nframes_t, void*), called once per period on the process thread.</summary>
    [LibraryImport(Library)]
    public static partial int jack_set_process_callback(nint client, delegate* unmanaged<uint, nint, int> callback, nint arg);

    /// <summary>Sets int bufsize(jack_nframes_t, void*), called when the period changes.</summary>
    [LibraryImport(Library)]
    public static partial int jack_set_buffer_size_callback(nint client, delegate* unmanaged<uint, nint, int> callback, nint arg);

    /// <summary>Sets int xrun(void*), called when the server reports an xrun.</summary>
    [LibraryImport(Library)]
    public static partial int jack_set_xrun_callback(nint client, delegate* unmanaged<nint, int> callback, nint arg);

    /// <summary>Sets void shutdown(jack_status_t, const char* reason, void*), called when the server goes away or drops the client.</summary>
    [LibraryImport(Library)]
    public static partial void jack_on_info_shutdown(nint client, delegate* unmanaged<int, nint, nint, void> callback, nint arg);

    /// <summary>Replaces libjack's error printer (stderr by default).</summary>
    [LibraryImport(Library)]
    public static partial void jack_set_error_function(delegate* unmanaged<nint, void> callback);

    /// <summary>Replaces libjack's information printer (stderr by default).</summary>
    [LibraryImport(Library)]
    public static partial void jack_set_info_function(delegate* unmanaged<nint, void> callback);

    /// <summary>Reads a C string libjack owns; null for a null pointer.</summary>
    public static string? Text(nint pointer) => pointer == 0 ? null : Marshal.PtrToStringUTF8(pointer);

    /// <summary>Copies and frees a list from <see cref="jack_get_ports"/>.</summary>
    public static List<string> TakePortList(nint list)
    {
        var names = new List<string>();
        if (list == 0) return names;
        for (nint* p = (nint*)list; *p != 0; p++) names.Add(Marshal.PtrToStringUTF8(*p)!);
        jack_free(list);
        return names;
    }
}
