using System.Diagnostics;
using MixEngine.Devices;
using MixEngine.Devices.Jack;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Devices.Jack;

/// <summary>
/// The JACK device against a real jackd (dummy backend, 48 kHz, 256-frame periods, no realtime scheduling, a private
/// server name per test) with jack-record (jack-tools) as the independent capture client. Each test runs for a few
/// seconds of server time.
/// </summary>
public sealed class JackDevicePeerTests : IDisposable
{
    private const int Length = 24000;

    /// <summary>
    /// jack-record's timer runs from its start, before the device is opened and started and the transport plays; a loaded
    /// 2-core machine has taken more than 2 s for that, so the recorder left before the half second of audio came.
    /// </summary>
    private const int RecordSeconds = 10;
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }

    private JackServer Server(int sampleRate = 48000)
    {
        var server = new JackServer(sampleRate);
        _owned.Add(server);
        return server;
    }

    private T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    private static (MixSession Session, InMemoryMedia Media) NoiseSession()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 11));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 997));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Print("pm", "PM_20.wav")
            .Build();
        return (session, media);
    }

    private RealtimeEngine Engine(MixSession session, InMemoryMedia media, IReadOnlyList<OutputPort> ports) =>
        Own(new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media), ports.Select(p => (p.BusId, p.Channel)).ToArray(), 256));

    private static JackDeviceOptions Options(JackServer server, params JackConnection[] connections) =>
        new(48000) { ServerName = server.Name, ClientName = "mixengine", Connections = connections, MaxRetryDelay = TimeSpan.FromMilliseconds(400) };

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s");
            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// Starts jack-record for <see cref="RecordSeconds"/> on two inputs (with a 2.7 s disk ring, so a starved disk thread on a
    /// loaded machine drops nothing) and returns it with its input port names once they exist.
    /// </summary>
    private static (Process Recorder, string[] Inputs) Record(JackServer server, string path)
    {
        var recorder = server.StartClient("jack-record", "-n", "2", "-b", "131072", "-t", RecordSeconds.ToString(), path);
        string prefix = $"jack-record-{recorder.Id}:";
        WaitFor(() => server.Ports().Count(p => p.StartsWith(prefix, StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(10), "jack-record's ports");
        return (recorder, [prefix + "in_1", prefix + "in_2"]);
    }

    private static float[][] ReadFloatWav(string path)
    {
        using var reader = WavFile.OpenRead(path);
        Assert.Equal(SampleFormat.Float32, reader.Info.Format);
        var planar = new double[reader.Info.Channels][];
        for (int c = 0; c < planar.Length; c++) planar[c] = new double[reader.Info.Frames];
        reader.RtReadPlanar(0, (int)reader.Info.Frames, Enumerable.Range(0, planar.Length).ToArray(), planar, 0);
        return planar.Select(ch => ch.Select(s => (float)s).ToArray()).ToArray();
    }

    /// <summary>Asserts that <paramref name="recorded"/> holds <paramref name="expected"/> (rounded to float32) starting at its first non-zero sample.</summary>
    private static void AssertHoldsRender(float[][] recorded, double[][] expected, int frames)
    {
        int start = Array.FindIndex(recorded[0], s => s != 0f);
        Assert.True(start >= 0, "the recording is silent");
        Assert.True(start + frames <= recorded[0].Length, $"the recording starts playing at {start} and is too short for {frames} frames");
        Assert.NotEqual(0.0, expected[0][0]); // the render starts with a non-zero sample, so the first non-zero sample aligns them
        for (int c = 0; c < expected.Length; c++)
            for (int i = 0; i < frames; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)expected[c][i]), BitConverter.SingleToInt32Bits(recorded[c][start + i])); // exact float32 bits
    }

    [PeerFact("jackd", "jack_lsp", "jack-record")]
    public void A_peer_recording_of_the_ports_equals_the_offline_render_rounded_to_float32()
    {
        var server = Server();
        var (session, media) = NoiseSession();
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256);
        var ports = OutputPort.ForSession(session);
        var engine = Engine(session, media, ports);
        using var folder = new Files.TempFolder();
        var (recorder, inputs) = Record(server, folder.File("take.wav"));
        var device = Own(new JackDevice(Options(server, new JackConnection("PM_20:*", $"jack-record-{recorder.Id}:in_.*"))));
        device.Open(ports.Select(p => p.Name).ToArray());
        device.Start(engine);
        Assert.Equal(["mixengine:PM_20:L", "mixengine:PM_20:R"], device.FullPortNames);
        Assert.Contains("mixengine:PM_20:L", server.Ports());
        Assert.Equal([inputs[0]], server.ConnectionsOf("mixengine:PM_20:L"));
        Assert.Equal([inputs[1]], server.ConnectionsOf("mixengine:PM_20:R"));
        Assert.Equal((48000, 256, AudioDeviceStatus.Running), (device.SampleRate, device.BlockSize, device.Status));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        Assert.True(recorder.WaitForExit((RecordSeconds + 20) * 1000), $"jack-record did not stop after {RecordSeconds} s");
        AssertHoldsRender(ReadFloatWav(folder.File("take.wav")), offline, Length);
        Assert.Equal(0, device.Faults);
    }

    [PeerFact("jackd", "jack_lsp")]
    public void A_server_at_another_rate_is_refused_naming_both_rates()
    {
        var server = Server(sampleRate: 44100);
        using var device = new JackDevice(new JackDeviceOptions(48000) { ServerName = server.Name });
        var e = Assert.Throws<AudioDeviceException>(() => device.Open(["PM:L"]));
        Assert.Contains("44100 Hz", e.Message);
        Assert.Contains("48000 Hz", e.Message);
        Assert.Contains(server.Name, e.Message);
    }

    [PeerFact("jackd", "jack_lsp")]
    public void The_process_callback_allocates_nothing_once_warm()
    {
        var server = Server();
        var (session, media) = NoiseSession();
        var ports = OutputPort.ForSession(session);
        var probe = new AllocationProbe(Engine(session, media, ports));
        var device = Own(new JackDevice(Options(server)));
        device.Open(ports.Select(p => p.Name).ToArray());
        ((RealtimeEngine)probe.Inner).RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        ((RealtimeEngine)probe.Inner).RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(probe);
        WaitFor(() => Volatile.Read(ref probe.Calls) >= 200, TimeSpan.FromSeconds(10), "200 process cycles");
        device.Stop();
        Assert.Equal(0, probe.BytesAfterWarmUp); // 100 warm-up cycles, then every later cycle on JACK's thread allocated 0 bytes
    }

    /// <summary>Records what JACK's process thread allocated between cycle 100 and the last cycle.</summary>
    private sealed class AllocationProbe(IAudioDeviceCallback inner) : IAudioDeviceCallback
    {
        public readonly IAudioDeviceCallback Inner = inner;
        public int Calls;
        public long BytesAfterWarmUp;
        private long _mark;

        public void RtRender(double[][] outputs, int frames)
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (Calls == 100) _mark = now;
            else if (Calls > 100) BytesAfterWarmUp = now - _mark;
            Inner.RtRender(outputs, frames);
            Volatile.Write(ref Calls, Calls + 1);
        }
    }

    [PeerFact("jackd", "jack_lsp", "jack-record", "jack_connect")]
    public void Killing_and_restarting_the_server_is_survived_and_playback_resumes_bit_exact()
    {
        var server = Server();
        var (session, media) = NoiseSession();
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256);
        var ports = OutputPort.ForSession(session);
        var engine = Engine(session, media, ports);
        var device = Own(new JackDevice(Options(server, new JackConnection("*", "system:playback_.*"))));
        var statuses = new List<AudioDeviceStatus>();
        device.StatusChanged += s => { lock (statuses) statuses.Add(s); };
        device.Open(ports.Select(p => p.Name).ToArray());
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(engine);
        WaitFor(() => device.Cycles > 20, TimeSpan.FromSeconds(20), "20 JACK cycles");

        server.Kill();
        WaitFor(() => device.Status == AudioDeviceStatus.Disconnected, TimeSpan.FromSeconds(20), "the device noticing the server is gone");
        long blocks = engine.ReadTransport().BlocksRendered;
        WaitFor(() => engine.ReadTransport().BlocksRendered > blocks + 20, TimeSpan.FromSeconds(20), "the engine running on the internal clock");

        server.Start();
        WaitFor(() => device.Status == AudioDeviceStatus.Running, TimeSpan.FromSeconds(10), "the reconnection");
        Assert.Equal(1, device.Reconnections);
        lock (statuses) Assert.Equal([AudioDeviceStatus.Open, AudioDeviceStatus.Running, AudioDeviceStatus.Disconnected, AudioDeviceStatus.Running], statuses);
        Assert.Equal(["system:playback_1"], server.ConnectionsOf("mixengine:PM_20:L")); // the connection rules ran again
        Assert.Equal(["system:playback_2"], server.ConnectionsOf("mixengine:PM_20:R"));

        engine.RequestTransport(new TransportCommand(TransportAction.Stop));
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, 0));
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 0));
        using var folder = new Files.TempFolder();
        var (recorder, inputs) = Record(server, folder.File("after.wav"));
        for (int p = 0; p < 2; p++)
        {
            var connect = server.StartClient("jack_connect", device.FullPortNames[p], inputs[p]);
            Assert.True(connect.WaitForExit(20_000) && connect.ExitCode == 0, $"jack_connect {device.FullPortNames[p]} {inputs[p]}");
        }
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        Assert.True(recorder.WaitForExit((RecordSeconds + 20) * 1000), $"jack-record did not stop after {RecordSeconds} s");
        AssertHoldsRender(ReadFloatWav(folder.File("after.wav")), offline, Length);
    }

    [PeerFact("jackd", "jack_lsp")]
    public void A_callback_that_overruns_its_period_is_counted_as_an_xrun_and_forwarded_to_the_callback()
    {
        var server = Server();
        var stall = new StallingCallback();
        var device = Own(new JackDevice(Options(server)));
        device.Open(["PM:L"]);
        device.Start(stall);
        WaitFor(() => device.Cycles > 20, TimeSpan.FromSeconds(20), "20 JACK cycles");
        // A non-realtime server on a loaded machine also reports xruns of its own, so this counts "at least one more".
        long before = device.Xruns;
        Volatile.Write(ref stall.StallMilliseconds, 60); // > 11 periods of 5.3 ms, well below jackd's 500 ms client timeout
        WaitFor(() => device.Xruns > before, TimeSpan.FromSeconds(20), "an xrun report after the stall");
        device.Stop();
        long forwarded = Interlocked.Read(ref stall.Xruns);
        Assert.InRange(forwarded, 1, device.Xruns); // forwarded while the callback was installed (an xrun during deactivation is only counted)
        Assert.Equal(AudioDeviceStatus.Open, device.Status);
    }

    /// <summary>Spins once for <see cref="StallMilliseconds"/> when set; counts the xruns the device forwards.</summary>
    private sealed class StallingCallback : IAudioDeviceCallback
    {
        public int StallMilliseconds;
        public long Xruns;

        public void RtRender(double[][] outputs, int frames)
        {
            int stall = Interlocked.Exchange(ref StallMilliseconds, 0);
            if (stall > 0)
            {
                var clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < stall) Thread.SpinWait(100);
            }
            foreach (var o in outputs) Array.Clear(o, 0, frames);
        }

        public void RtCountXrun() => Interlocked.Increment(ref Xruns);
    }
}
