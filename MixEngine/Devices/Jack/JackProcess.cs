using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixEngine.Devices.Jack;

/// <summary>
/// The audio-thread side of the JACK device: the libjack callbacks (process, buffer size, xrun, shutdown) as
/// <see cref="UnmanagedCallersOnly"/> entry points whose context argument is a <see cref="GCHandle"/> to this object,
/// and the state they share with the control side. The process callback renders the device callback's period into
/// preallocated 64-bit buffers (one per port, <see cref="MaxFrames"/> long, so a buffer-size change needs no
/// allocation) and converts them to JACK's 32-bit float port buffers (round to nearest).
/// <para>Thread rules: the <c>Rt*</c> callbacks run on libjack's threads (process thread, notification thread) and never
/// allocate, lock, log or let an exception escape (one that would is caught and counted in <see cref="Faults"/>). The
/// control side sets <see cref="Ports"/> only while no client is active, and reads counters and flags.</para>
/// </summary>
internal sealed unsafe class JackProcess : IDisposable
{
    /// <summary>The largest period JACK 2 and PipeWire allow (frames); longer periods play silence and count a fault.</summary>
    public const int MaxFrames = 8192;

    private readonly JackText _shutdownReason = new();
    private GCHandle _self;
    private IAudioDeviceCallback? _callback;
    private long _cycles, _xruns, _faults;
    private int _blockSize;
    private int _serverGone;
    private int _blockSizeChanged;

    /// <summary>Allocates the port buffers for <paramref name="ports"/> ports and the handle libjack passes back; control side.</summary>
    public JackProcess(int ports)
    {
        Outputs = new double[ports][];
        for (int p = 0; p < ports; p++) Outputs[p] = new double[MaxFrames];
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The context pointer registered with every callback.</summary>
    public nint Context => GCHandle.ToIntPtr(_self);

    /// <summary>64-bit render buffers, one per port, handed to the device callback.</summary>
    public double[][] Outputs { get; }

    /// <summary>The registered JACK ports of the current client, in port order; set by the control side while the client is inactive.</summary>
    public nint[] Ports { get; set; } = [];

    /// <summary>The callback that renders each period, or null for silence; set by the control side.</summary>
    public IAudioDeviceCallback? Callback
    {
        get => Volatile.Read(ref _callback);
        set => Volatile.Write(ref _callback, value);
    }

    /// <summary>Process cycles run so far.</summary>
    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Xruns the server reported so far.</summary>
    public long Xruns => Interlocked.Read(ref _xruns);

    /// <summary>Cycles that played silence because the callback threw or the period exceeded <see cref="MaxFrames"/>.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>The current period in frames (the server's; updated by the buffer-size callback).</summary>
    public int BlockSize
    {
        get => Volatile.Read(ref _blockSize);
        set => Volatile.Write(ref _blockSize, value);
    }

    /// <summary>The server reason of the last shutdown, or null; control side.</summary>
    public string? ShutdownReason => _shutdownReason.Read();

    /// <summary>Returns true once after the server went away or dropped the client; control side (the supervisor).</summary>
    public bool TakeServerGone() => Interlocked.Exchange(ref _serverGone, 0) != 0;

    /// <summary>Returns true once after the server changed the period; control side (the supervisor).</summary>
    public bool TakeBlockSizeChanged() => Interlocked.Exchange(ref _blockSizeChanged, 0) != 0;

    /// <summary>Registers the four callbacks on <paramref name="client"/> (before jack_activate); control side.</summary>
    public void Register(nint client)
    {
        nint context = Context;
        if (LibJack.jack_set_process_callback(client, &RtOnProcess, context) != 0
            || LibJack.jack_set_buffer_size_callback(client, &RtOnBufferSize, context) != 0
            || LibJack.jack_set_xrun_callback(client, &RtOnXrun, context) != 0)
            throw new AudioDeviceException($"JACK: the server refused a callback registration{JackClient.Quote(JackLibrary.LastError)}");
        LibJack.jack_on_info_shutdown(client, &RtOnShutdown, context);
    }

    /// <summary>Frees the handle; control side, after every client using it was closed.</summary>
    public void Dispose()
    {
        if (_self.IsAllocated) _self.Free();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static JackProcess From(nint context) => (JackProcess)GCHandle.FromIntPtr(context).Target!;

    [UnmanagedCallersOnly]
    private static int RtOnProcess(uint frames, nint context)
    {
        try
        {
            From(context).RtProcess((int)frames);
        }
        catch
        {
            // Rt rule: nothing escapes into libjack; the cycle is counted as a fault and the ports keep whatever they hold.
            Interlocked.Increment(ref From(context)._faults);
        }
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int RtOnBufferSize(uint frames, nint context)
    {
        var process = From(context);
        process.BlockSize = (int)frames;
        Volatile.Write(ref process._blockSizeChanged, 1);
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int RtOnXrun(nint context)
    {
        var process = From(context);
        Interlocked.Increment(ref process._xruns);
        process.Callback?.RtCountXrun();
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void RtOnShutdown(int status, nint reason, nint context)
    {
        var process = From(context);
        process._shutdownReason.RtCopy(reason);
        Volatile.Write(ref process._serverGone, 1);
    }

    private void RtProcess(int frames)
    {
        Interlocked.Increment(ref _cycles);
        var ports = Ports;
        var callback = Callback;
        if (callback is null || frames > MaxFrames)
        {
            if (frames > MaxFrames) Interlocked.Increment(ref _faults);
            for (int p = 0; p < ports.Length; p++) new Span<float>((void*)LibJack.jack_port_get_buffer(ports[p], (uint)frames), frames).Clear();
            return;
        }
        var outputs = Outputs;
        callback.RtRender(outputs, frames);
        for (int p = 0; p < ports.Length; p++)
        {
            float* target = (float*)LibJack.jack_port_get_buffer(ports[p], (uint)frames);
            var source = outputs[p];
            for (int i = 0; i < frames; i++) target[i] = (float)source[i];
        }
    }
}
