using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// Units on ports whose far end comes and goes (<see cref="IMidiSessionPort"/>, an RTP-MIDI session): when the peer joins
/// (the first time, after a power cycle or when a bridge reconnects) the unit is online and gets its whole state, as after
/// a power-on announcement (a Logic Control is asked to handshake again instead); when it leaves, the unit is offline, its
/// fader touches end and nothing (no Device Query, no HUI ping) is sent to it until it joins again. The port raises the
/// change on its own thread; the handler takes the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    private void WatchSessions()
    {
        foreach (var unit in _units)
        {
            if (unit.Port is not IMidiSessionPort session) continue;
            EventHandler<bool> handler = (_, connected) => SessionChanged(unit, connected);
            session.ConnectionChanged += handler;
            _unwatch.Add(() => session.ConnectionChanged -= handler);
            if (session.IsConnected) SessionChanged(unit, connected: true);
        }
    }

    private void SessionChanged(McuUnit unit, bool connected)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            unit.AwaitingConfirmation = false;
            unit.LastQuery = null;
            if (!connected)
            {
                unit.Online = false;
                EndFaderTouches(unit);
                _log.Info("offline", "MCU {Port} (unit {Position}): the network peer left; offline until it joins again", unit.Port.Id, unit.Position + 1);
                return;
            }
            _log.Info("joined", "MCU {Port} (unit {Position}): a network peer joined", unit.Port.Id, unit.Position + 1);
            if (!unit.Hui && unit.Device is McuSysEx.LogicControl or McuSysEx.LogicControlXt)
            {
                unit.Online = false; // a Logic Control checks the handshake: the tick queries it at once
                return;
            }
            Heard(unit, announced: true);
            Render();
        }
    }

    /// <summary>Ends the fader touches held on <paramref name="unit"/> (its peer left: no hand can be on them).</summary>
    private void EndFaderTouches(McuUnit unit)
    {
        for (int fader = 0; fader <= McuFader.Master; fader++)
            if (_faderTouches.Remove(FaderKey(unit, fader), out var held) && held is { } h) EndTouch(h);
        Array.Fill(unit.Faders, -1);
        _dirty = true;
    }
}
