using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// One MCU unit (main unit or extender) of an <see cref="McuSurface"/>: its port, its place in the bank (strips
/// 8·<see cref="Position"/> + 1 …), whether it has spoken yet, and what it was last sent (fader positions, LEDs, rings,
/// LCD cells, meters, 7-segment digits) so that only changes go out. A unit may speak HUI instead (<see cref="Hui"/>). Messages are collected in a buffer and
/// <see cref="Flush"/>ed as one chunk into an ordered send queue that its own task drains into the port.
/// <para>Thread rules: everything except the send task runs under the owning surface's lock.</para>
/// </summary>
internal sealed class McuUnit
{
    private readonly MidiOutputQueue _output;

    public McuUnit(IMidiPort port, int position, byte device, bool xTouch = false)
    {
        Port = port;
        _output = new MidiOutputQueue(port);
        Position = position;
        Device = device;
        XTouch = xTouch;
        Forget();
    }

    /// <summary>True for a Behringer X-Touch (or Extender) in MCU mode: its scribble strips take colours (SysEx cmd 72).</summary>
    public bool XTouch { get; }

    /// <summary>Last colours sent to an X-Touch's 8 strips, 3 bits per strip (strip 1 lowest); −1 = unknown.</summary>
    public int Colours { get; set; }

    /// <summary>True when the unit speaks HUI (device 05): switches as zone/port pairs, faders as hi/lo CCs, pinged.</summary>
    public bool Hui => Device == McuSysEx.Hui;

    /// <summary>The HUI input state (zone, fader hi bytes) of a HUI unit.</summary>
    public HuiInputDecoder Decoder { get; } = new();

    /// <summary>When anything was last received (surface clock; HUI units go offline when it gets old).</summary>
    public TimeSpan LastHeard { get; set; }

    /// <summary>Last text sent to a HUI unit's time display; null = unknown.</summary>
    public string? TimeText { get; set; }

    /// <summary>The port the unit is bound to (by its id, never by enumeration order).</summary>
    public IMidiPort Port { get; }

    /// <summary>False while the unit's port is a network session without a peer (nothing sent to it would arrive).</summary>
    public bool Reachable => Port is not IMidiSessionPort session || session.IsConnected;

    /// <summary>0 for the leftmost unit; strips 8·position + 1 … 8·position + 8 of the bank.</summary>
    public int Position { get; }

    /// <summary>SysEx device byte used when writing to it (14 main, 15 extender; taken from the unit's own SysEx when it sends one).</summary>
    public byte Device { get; set; }

    /// <summary>True once anything valid came from the unit.</summary>
    public bool Online { get; set; }

    /// <summary>The serial number the unit announced (cmd 01), as text; null before.</summary>
    public string? Serial { get; set; }

    /// <summary>True between a Logic Control's Host Connection Query and its confirmation (cmd 03): replied, not yet online.</summary>
    public bool AwaitingConfirmation { get; set; }

    /// <summary>When the unit was last sent a Device Query (surface clock); null before the first.</summary>
    public TimeSpan? LastQuery { get; set; }

    /// <summary>Last 14-bit position sent per fader (0..7 strips, 8 master); −1 = unknown.</summary>
    public int[] Faders { get; } = new int[9];

    /// <summary>Last LED velocity sent per note; −1 = unknown.</summary>
    public int[] Leds { get; } = new int[128];

    /// <summary>Last ring value sent per V-pot; −1 = unknown.</summary>
    public int[] Rings { get; } = new int[8];

    /// <summary>Last 7-cell text sent per strip and line (line·8 + strip); null = unknown.</summary>
    public string?[] Cells { get; } = new string?[16];

    /// <summary>Last text sent per 10-character slice of a HUI unit's 2x40 main display (0-3 top row, 4-7 bottom); null = unknown.</summary>
    public string?[] LargeSlices { get; } = new string?[8];

    /// <summary>Last text sent to a HUI unit's select-assign display; null = unknown.</summary>
    public string? SelectAssign { get; set; }

    /// <summary>Last state sent per HUI SEND A…E LED: 1 lit, 0 dark, −1 unknown.</summary>
    public int[] SendLeds { get; } = new int[5];

    /// <summary>Last meter level sent per strip.</summary>
    public int[] Meters { get; } = new int[8];

    /// <summary>True per strip while its overload LED is lit.</summary>
    public bool[] Overloads { get; } = new bool[8];

    /// <summary>Last value sent per 7-segment controller (CC 40..4B → 0..11); −1 = unknown.</summary>
    public int[] Segments { get; } = new int[12];

    /// <summary>Chunks queued and not yet written to the port (for tests and logs).</summary>
    public long Queued => _output.Queued;

    /// <summary>Forgets everything sent, so the next render sends the whole state.</summary>
    public void Forget()
    {
        Array.Fill(Faders, -1);
        Array.Fill(Leds, -1);
        Array.Fill(Rings, -1);
        Array.Fill(Cells, null);
        Array.Fill(LargeSlices, null);
        Array.Fill(SendLeds, -1);
        SelectAssign = null;
        Array.Fill(Meters, 0);
        Array.Fill(Overloads, false);
        Array.Fill(Segments, -1);
        TimeText = null;
        Colours = -1;
        _output.Reset();
    }

    /// <summary>Appends a short message.</summary>
    public void Add(MidiMessage message) => _output.Add(message);

    /// <summary>Appends a complete SysEx.</summary>
    public void AddSysEx(ReadOnlySpan<byte> sysEx) => _output.AddSysEx(sysEx);

    /// <summary>Queues what was appended since the last flush as one chunk.</summary>
    public void Flush() => _output.Flush();

    /// <summary>Writes queued chunks to the port in order until <paramref name="cancellationToken"/> fires or the queue completes; errors go to <paramref name="failed"/>.</summary>
    public Task SendLoopAsync(Action<Exception> failed, CancellationToken cancellationToken) => _output.SendLoopAsync(failed, cancellationToken);

    /// <summary>Ends the send queue (the send loop finishes what is queued, then returns).</summary>
    public void Complete() => _output.Complete();
}
