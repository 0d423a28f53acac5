using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixEngine.Devices;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.ControlPlane;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>
/// An <see cref="OscSurface"/> over the control fixture's <see cref="MixEngine.ControlPlane.MixControl"/> (hub on its own
/// thread) with the engine played by a null device (as fast as possible unless a pace is given), and a UDP listener on a
/// free loopback port.
/// Strips in catalog order: track "DX 1", track "b", bus "pm", VCA "dlg".
/// </summary>
internal sealed class OscSurfaceFixture : IAsyncDisposable
{
    private readonly NullClockDevice _device;

    public OscSurfaceFixture(OscSurfaceOptions? options = null, NullClockPace pace = NullClockPace.AsFastAsPossible)
    {
        Control = new ControlFixture(hubThread: true);
        _device = new NullClockDevice(48000, ControlFixture.Block, pace);
        _device.Open(Control.Engine.PortNames());
        _device.Start(Control.Engine);
        Surface = new OscSurface(Control.Control, 48000, options ?? new OscSurfaceOptions());
        Udp = Surface.StartUdp(new OscListenerOptions { Port = 0 });
    }

    public ControlFixture Control { get; }

    public OscSurface Surface { get; }

    public OscUdpListener Udp { get; }

    /// <summary>A new UDP peer on a free loopback port, sending to the surface.</summary>
    public OscPeer Peer() => new(Udp.LocalEndPoint);

    public async ValueTask DisposeAsync()
    {
        await Surface.DisposeAsync();
        _device.Stop();
        _device.Dispose();
        Control.Dispose();
    }
}

/// <summary>A UDP OSC client for tests: sends messages and collects what comes back.</summary>
internal sealed class OscPeer(IPEndPoint server) : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public void Send(string address, params OscArgument[] arguments) => Send(new OscMessage(address, arguments));

    public void Send(OscPacket packet) => _udp.Send(OscCodec.Encode(packet), server);

    /// <summary>Sends an already encoded packet.</summary>
    public void SendBytes(byte[] packet) => _udp.Send(packet, server);

    /// <summary>Receives until a message matches <paramref name="match"/> (returned) or <paramref name="timeoutMs"/> passes (null).</summary>
    public OscMessage? WaitFor(Func<OscMessage, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        foreach (var m in Receive(deadline))
            if (match(m)) return m;
        return null;
    }

    /// <summary>Everything received within <paramref name="ms"/>.</summary>
    public List<OscMessage> Collect(int ms) => Receive(DateTime.UtcNow.AddMilliseconds(ms)).ToList();

    /// <summary>
    /// Receives until what has arrived satisfies <paramref name="complete"/> or <paramref name="timeoutMs"/> passes, and
    /// returns everything received: for replies of many messages, whose last one may come late on a loaded machine.
    /// </summary>
    public List<OscMessage> CollectUntil(Func<List<OscMessage>, bool> complete, int timeoutMs = 10_000)
    {
        var received = new List<OscMessage>();
        foreach (var m in Receive(DateTime.UtcNow.AddMilliseconds(timeoutMs)))
        {
            received.Add(m);
            if (complete(received)) break;
        }
        return received;
    }

    /// <summary>
    /// The next <paramref name="count"/> messages matching <paramref name="match"/> with their arrival times (stopwatch
    /// milliseconds, read as each datagram was received); fewer when <paramref name="timeoutMs"/> passes first.
    /// </summary>
    public List<(OscMessage Message, double Ms)> Arrivals(Func<OscMessage, bool> match, int count, int timeoutMs = 10_000)
    {
        var arrivals = new List<(OscMessage, double)>();
        foreach (var m in Receive(DateTime.UtcNow.AddMilliseconds(timeoutMs)))
        {
            if (!match(m)) continue;
            arrivals.Add((m, Stopwatch.GetElapsedTime(0).TotalMilliseconds));
            if (arrivals.Count == count) break;
        }
        return arrivals;
    }

    /// <summary>The median of the intervals between consecutive <paramref name="times"/> (milliseconds).</summary>
    public static double MedianInterval(IReadOnlyList<double> times)
    {
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToList();
        return intervals[intervals.Count / 2];
    }

    /// <summary>Drops what has arrived so far (waits <paramref name="ms"/> for stragglers).</summary>
    public void Drain(int ms = 200) => Collect(ms);

    public void Dispose() => _udp.Dispose();

    private IEnumerable<OscMessage> Receive(DateTime deadline)
    {
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) yield break;
            _udp.Client.ReceiveTimeout = Math.Max(1, (int)left.TotalMilliseconds);
            byte[] bytes;
            try
            {
                IPEndPoint? from = null;
                bytes = _udp.Receive(ref from);
            }
            catch (SocketException)
            {
                yield break;
            }
            if (OscCodec.Decode(bytes) is OscMessage m) yield return m;
        }
    }
}
