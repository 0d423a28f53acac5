using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;

namespace MixEngine.Realtime;

// The controls' way onto the audio thread: pass commands queued by control threads, and the per-period drain that applies
// touches, values and pass commands at the block's position and stamps them for the live pass writer. Thread rules as in
// RealtimeEngine.cs: Request*/TryGet* on control threads, Rt* on the audio thread only.
public sealed partial class RealtimeEngine
{
    /// <summary>
    /// Queues a pass command (Preview, Capture, Write-To; docs/automation.md, Live passes) for the audio thread, limited to
    /// the slots marked in <paramref name="slots"/> when given; it is applied at the next block boundary, Preview on before
    /// that period's touches and values, every other command after them, and stamped into the return ring with the block's
    /// position. Throws <see cref="InvalidOperationException"/> when 256 commands are already waiting. Any control thread.
    /// </summary>
    public void RequestPassCommand(PassCommand command, bool[]? slots, ControlClientId client)
    {
        if (!_passCommands.TryEnqueue(_livePass.Register(command, slots, client.Value)))
            throw new InvalidOperationException($"pass command {command.Kind} refused: {_passCommands.Capacity} commands are already waiting; is the device running?");
    }

    /// <summary>The pass command a <see cref="StampedKind.Command"/> stamp numbers (its <see cref="StampedMove.Value"/>); false when 1024 newer commands replaced it. The move pump's thread.</summary>
    public bool TryGetPassCommand(long sequence, out PassCommand command)
    {
        command = _livePass.CommandOf(sequence)?.Command!;
        return command is not null;
    }

    /// <summary>
    /// Applies touches, values and pass commands at this block's position and stamps them into the return ring, in the
    /// order a pass is written: Preview on, touches taken, values, touches released (so a release made in the same period
    /// as the value it ends still follows it), then every other pass command (so a punch or capture takes the values
    /// sent with it).
    /// </summary>
    private void RtApplyControls(IRtParameter?[] bySlot, RtLaneCursor?[] lanes)
    {
        long position = _transport.Position;
        int commands = 0;
        while (commands < _passTaken.Length && _passCommands.RtTryDequeue(out var ticket))
        {
            if (_livePass.RtAppliesBeforeMoves(ticket)) _livePass.RtCommand(ticket, position, lanes, bySlot);
            else _passTaken[commands++] = ticket;
        }
        int releases = 0;
        while (_touches.RtTryDequeue(out var touch))
        {
            if (touch.Touched)
            {
                _livePass.RtTouch(lanes[touch.Slot], touch.Slot, position, true, touch.Value);
                RtStamp(new StampedMove(position, touch.Slot, StampedKind.TouchBegin, touch.Value, touch.Client));
            }
            else _releases[releases++] = touch;
            if (releases == _releases.Length) break;
        }
        var sink = new SlotSink(bySlot, lanes, this, position);
        _mailbox.RtDrain(ref sink);
        for (int i = 0; i < releases; i++)
        {
            var release = _releases[i];
            _livePass.RtTouch(lanes[release.Slot], release.Slot, position, false, release.Value);
            RtStamp(new StampedMove(position, release.Slot, StampedKind.TouchEnd, release.Value, release.Client));
        }
        for (int i = 0; i < commands; i++) _livePass.RtCommand(_passTaken[i], position, lanes, bySlot);
    }

    /// <summary>Queues a stamped move or pass boundary for the control side; counts it as dropped when the return ring is full. Audio thread.</summary>
    internal void RtStamp(in StampedMove move)
    {
        if (!_moves.TryEnqueue(move)) Interlocked.Increment(ref _movesDropped);
    }

    private readonly struct SlotSink(IRtParameter?[] bySlot, RtLaneCursor?[] lanes, RealtimeEngine engine, long position) : IParameterSink
    {
        public void RtApply(int slot, double value, int client)
        {
            if (engine._livePass.RtTrims(slot)) engine._livePass.RtTrimValue(lanes[slot], bySlot[slot], slot, value);
            else
            {
                bySlot[slot]?.RtSet(value);
                engine._livePass.Glides.RtApplied(slot, value);
            }
            engine._valuesApplied++;
            engine._livePass.RtValue(lanes[slot], slot, position, value);
            engine.RtStamp(new StampedMove(position, slot, StampedKind.Value, value, client));
        }
    }
}
