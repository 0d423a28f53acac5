using System.Collections.Concurrent;
using System.Diagnostics;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// An <see cref="McuSurface"/> over a realtime engine (null device at real-time pace, hub on its own thread) whose
/// session has 13 strips in catalog order: tracks "Dialog 1" … "Dialog 10" (track 1 plays a 440 Hz sine at −6 dBFS
/// and has two EQ bells, track 2 a compressor; every track sends to bus "fx"), buses "fx" and "pm" (both printed, so
/// armable), VCA "dlg". Each unit
/// is an in-memory loopback; <see cref="Peers"/> are the surface ends, in unit order.
/// </summary>
internal sealed class McuSurfaceFixture : IAsyncDisposable
{
    public const int Block = 64;
    private readonly NullClockDevice _device;
    private readonly InMemoryMedia _media = new();

    /// <summary>The session and surface; the units are loopbacks (<see cref="Peers"/>), or <paramref name="ports"/> when given (no peers then).</summary>
    public McuSurfaceFixture(int units = 1, McuSurfaceOptions? options = null, string[]? unitOrder = null, IMidiPort[]? ports = null)
    {
        _media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(48000 * 4, 440, 0.5));
        var builder = new SessionBuilder().Bus("fx", ChannelLayout.Stereo, "pm").Bus("pm", ChannelLayout.Stereo);
        var eq = new StripProcessing(ProcessingOrder.EqFirst, [new EqBand(true, EqBandType.Bell, 250, 0, 1, 12), new EqBand(true, EqBandType.Bell, 3000, 2, 1, 12)],
            null, null, null, null);
        var comp = StripProcessing.None with { Compressor = CompressorSettings.Default };
        for (int i = 1; i <= 10; i++)
        {
            var strip = i switch { 1 => Strip.Default with { Processing = eq }, 2 => Strip.Default with { Processing = comp }, _ => Strip.Default };
            var clips = i == 1 ? [SessionBuilder.Clip("a.wav", 0, 48000 * 4)] : Array.Empty<Clip>();
            builder.Track($"t{i}", ChannelLayout.Mono, "pm", strip, [new Send("fx", -10, SendTap.PostFader, false)], clips);
        }
        builder.Vca("dlg", 0, false, "t1", "t2").Print("fx", "FX.wav").Print("pm", "PM.wav");
        var built = builder.Build();
        Session = built with { Tracks = [.. built.Tracks.Select((t, i) => t with { Name = $"Dialog {i + 1}" })] };
        Engine = new RealtimeEngine(Build(Session), [("pm", 0), ("pm", 1)], Block);
        Control = new MixControl(Engine, FeedbackHubOptions.Default);
        _device = new NullClockDevice(48000, Block, NullClockPace.RealTime);
        _device.Open(Engine.PortNames());
        _device.Start(Engine);
        var loops = ports is null ? Enumerable.Range(0, units).Select(u => new MidiLoopback($"mcu{u}")).ToArray() : [];
        Peers = [.. loops.Select(l => new McuPeer(l.A))];
        var unitPorts = ports?.ToList() ?? loops.Select(l => l.B).ToList();
        if (unitOrder is not null) unitPorts = [.. unitOrder.Select(id => unitPorts.Single(p => p.Id == id))];
        Surface = new McuSurface(Control, unitPorts, 48000, options ?? new McuSurfaceOptions { MasterStrip = "bus/pm" });
    }

    public MixSession Session { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public McuSurface Surface { get; }

    /// <summary>The surface side of each loopback, in the order the loopbacks were made (mcu0, mcu1, …).</summary>
    public McuPeer[] Peers { get; }

    public ParameterHandle Handle(string address) => Control.Resolve(address);

    public RenderPlan Build(MixSession session) => RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), _media);

    /// <summary>Brings every unit online (each sends its power-on Host Connection Query) and waits for its full state.</summary>
    public void Online()
    {
        foreach (var peer in Peers) peer.Send(0xF0, 0x00, 0x00, 0x66, 0x14, 0x01, 0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05, 0x57, 0x18, 0x61, 0x05, 0xF7);
        foreach (var peer in Peers) Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F0000066141238", StringComparison.Ordinal) || m.StartsWith("SysEx F0000066151238", StringComparison.Ordinal)));
        foreach (var peer in Peers) peer.Drain();
    }

    public async ValueTask DisposeAsync()
    {
        await Surface.DisposeAsync();
        _device.Stop();
        _device.Dispose();
        Control.Dispose();
        Engine.Dispose();
    }
}

/// <summary>The surface end of an MCU loopback: sends bytes, collects what the engine sends as hex items ("E0 00 60", "SysEx F0…F7").</summary>
internal sealed class McuPeer
{
    private readonly IMidiPort _port;
    private readonly BlockingCollection<(string Text, long Timestamp)> _received = [];
    private readonly List<string> _log = [];

    public McuPeer(IMidiPort port)
    {
        _port = port;
        _ = Task.Run(ReadAsync);
    }

    public void Send(params byte[] bytes) => _port.SendAsync(bytes).AsTask().Wait();

    /// <summary>Takes items until one matches (returned) or <paramref name="timeoutMs"/> passes (null).</summary>
    public string? WaitFor(Func<string, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (!_received.TryTake(out var item, Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds))) return null;
            lock (_log) _log.Add(item.Text);
            if (match(item.Text)) return item.Text;
        }
        return null;
    }

    /// <summary>Everything received within <paramref name="ms"/>.</summary>
    public List<string> Collect(int ms = 400)
    {
        var items = new List<string>();
        var deadline = DateTime.UtcNow.AddMilliseconds(ms);
        while (DateTime.UtcNow < deadline)
            if (_received.TryTake(out var item, Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds))) items.Add(item.Text);
        lock (_log) _log.AddRange(items);
        return items;
    }

    /// <summary>
    /// A surface's burst (its full state on start, a bank's new values): waits up to <paramref name="timeoutMs"/> for the
    /// first item, then takes items until none has come for <paramref name="quietMs"/>. Unlike a fixed window this still
    /// works when the sender's task starts late on a loaded machine.
    /// </summary>
    public List<string> CollectBurst(int quietMs = 300, int timeoutMs = 10_000)
    {
        var items = new List<string>();
        if (!_received.TryTake(out var first, timeoutMs)) return items;
        items.Add(first.Text);
        while (_received.TryTake(out var item, quietMs)) items.Add(item.Text);
        lock (_log) _log.AddRange(items);
        return items;
    }

    /// <summary>Takes items until one matches, returning all of them with the match last (empty when none matched within <paramref name="timeoutMs"/>).</summary>
    public List<string> CollectThrough(Func<string, bool> match, int timeoutMs = 10_000)
    {
        var items = new List<string>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline && _received.TryTake(out var item, Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds)))
        {
            items.Add(item.Text);
            if (match(item.Text)) break;
        }
        lock (_log) _log.AddRange(items);
        return items.Count > 0 && match(items[^1]) ? items : [];
    }

    /// <summary>
    /// Takes items until what has arrived satisfies <paramref name="complete"/> (or <paramref name="timeoutMs"/> passes),
    /// then for <paramref name="tailMs"/> more, and returns them all: a burst whose parts may come late on a loaded
    /// machine, with a tail for assertions of absence.
    /// </summary>
    public List<string> CollectUntil(Func<List<string>, bool> complete, int tailMs = 300, int timeoutMs = 10_000)
    {
        var items = new List<string>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!complete(items) && DateTime.UtcNow < deadline
            && _received.TryTake(out var item, Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds)))
            items.Add(item.Text);
        lock (_log) _log.AddRange(items);
        if (complete(items)) items.AddRange(Collect(tailMs));
        return items;
    }

    /// <summary><see cref="CollectUntil"/> every one of <paramref name="expected"/> has arrived.</summary>
    public List<string> CollectAll(IReadOnlyCollection<string> expected, int tailMs = 300, int timeoutMs = 10_000) =>
        CollectUntil(items => expected.All(items.Contains), tailMs, timeoutMs);

    /// <summary>
    /// The arrival times (stopwatch milliseconds, stamped by the reader as the bytes were parsed) of the next
    /// <paramref name="count"/> items matching <paramref name="match"/>, and every item taken meanwhile in
    /// <paramref name="all"/>; fewer times when <paramref name="timeoutMs"/> passes first.
    /// </summary>
    public List<double> ArrivalTimes(Func<string, bool> match, int count, out List<string> all, int timeoutMs = 10_000)
    {
        var times = new List<double>();
        all = [];
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (times.Count < count && DateTime.UtcNow < deadline
            && _received.TryTake(out var item, Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds)))
        {
            all.Add(item.Text);
            if (match(item.Text)) times.Add(Stopwatch.GetElapsedTime(0, item.Timestamp).TotalMilliseconds);
        }
        lock (_log) _log.AddRange(all);
        return times;
    }

    /// <summary>Drops what has arrived so far (waiting <paramref name="ms"/> for stragglers).</summary>
    public void Drain(int ms = 300) => Collect(ms);

    private async Task ReadAsync()
    {
        var parser = new MidiStreamParser();
        var sink = new Sink(_received);
        var buffer = new byte[4096];
        while (true)
        {
            int n = await _port.ReceiveAsync(buffer);
            if (n == 0) return;
            parser.Push(buffer.AsSpan(0, n), sink);
        }
    }

    private sealed class Sink(BlockingCollection<(string, long)> received) : IMidiSink
    {
        public void OnMessage(MidiMessage message) => received.Add((message.ToString(), Stopwatch.GetTimestamp()));

        public void OnSysEx(ReadOnlySpan<byte> sysEx) => received.Add(("SysEx " + Convert.ToHexString(sysEx), Stopwatch.GetTimestamp()));

        public void OnMalformed(MidiFault fault) => received.Add(("fault " + fault, Stopwatch.GetTimestamp()));
    }
}
