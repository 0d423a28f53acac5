using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// A device on a port whose far end comes and goes (<see cref="IMidiSessionPort"/>, an RTP-MIDI session): nothing is sent
/// while no peer is connected; when the peer joins (again) every control gets its value, since a reconnected device shows
/// nothing it was sent before; when it leaves, its touches end. The port raises the change on its own thread; the
/// handler takes the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    private Action? _unwatch;

    /// <summary>False while the port is a network session without a peer.</summary>
    private bool Reachable => _port is not IMidiSessionPort session || session.IsConnected;

    private void WatchSession()
    {
        if (_port is not IMidiSessionPort session) return;
        EventHandler<bool> handler = (_, connected) => SessionChanged(connected);
        session.ConnectionChanged += handler;
        _unwatch = () => session.ConnectionChanged -= handler;
        if (session.IsConnected) SessionChanged(connected: true);
    }

    private void SessionChanged(bool connected)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            if (!connected)
            {
                foreach (int key in _touches.ReleaseAll()) EndHeld(key);
                _log.Info("offline", "mapped surface {Port}: the network peer left; nothing is sent until it joins again", _port.Id);
                return;
            }
            _log.Info("joined", "mapped surface {Port}: a network peer joined; every control gets its value", _port.Id);
            Array.Fill(_sent, -1);
            _output.Reset();
            Render();
        }
    }
}
