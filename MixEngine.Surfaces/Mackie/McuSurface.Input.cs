using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>What an <see cref="McuSurface"/> does with the bytes its units send (spec surfaces.md §1.3-§1.6). Every member runs under the surface's lock.</summary>
public sealed partial class McuSurface
{
    private void Receive(McuUnit unit, MidiMessage message)
    {
        lock (_gate)
        {
            try
            {
                Heard(unit, announced: false);
                if (!(unit.Hui ? DispatchHui(unit, message) : Dispatch(unit, message))) CountUnhandled(unit, message.ToString());
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ParameterAddressException)
            {
                _log.Warn("refused", "MCU {Port}: {Message} refused: {Error}", unit.Port.Id, message.ToString(), e.Message);
            }
            Render();
        }
    }

    private void ReceiveSysEx(McuUnit unit, ReadOnlySpan<byte> sysEx)
    {
        lock (_gate)
        {
            if (!McuSysEx.TryParse(sysEx, out byte device, out byte command, out var parameters))
            {
                Heard(unit, announced: false);
                CountUnhandled(unit, $"SysEx of {sysEx.Length} bytes starting {Convert.ToHexString(sysEx[..Math.Min(6, sysEx.Length)])}");
                Render();
                return;
            }
            if (!unit.Hui && device is McuSysEx.Mcu or McuSysEx.McuXt or McuSysEx.LogicControl or McuSysEx.LogicControlXt) unit.Device = device;
            switch (command)
            {
                case McuHandshake.ConnectionQuery when !unit.Hui:
                    Announced(unit, parameters);
                    break;
                case McuHandshake.ConnectionConfirmation when !unit.Hui:
                    bool waited = unit.AwaitingConfirmation;
                    unit.AwaitingConfirmation = false;
                    _log.Info("connected", "MCU {Port} (unit {Position}) confirmed the connection, serial {Serial}", unit.Port.Id, unit.Position + 1, McuHandshake.SerialText(parameters));
                    Heard(unit, announced: waited);
                    break;
                case McuHandshake.ConnectionError when !unit.Hui:
                    unit.AwaitingConfirmation = false;
                    unit.Online = false;
                    unit.LastQuery = Now; // ask again after the query interval
                    Interlocked.Increment(ref _handshakeErrors);
                    _log.Warn("handshake", "MCU {Port} (unit {Position}, serial {Serial}) refused the host connection reply; it stays offline and is asked again",
                        unit.Port.Id, unit.Position + 1, McuHandshake.SerialText(parameters));
                    break;
                case 0x14: // firmware version reply
                    Heard(unit, announced: false);
                    break;
                default:
                    Heard(unit, announced: false);
                    CountUnhandled(unit, $"Mackie SysEx command {command:X2}");
                    break;
            }
            Render();
        }
    }

    /// <summary>
    /// A Host Connection Query (cmd 01, sent at power-on and in answer to Device Query): the host replies with the serial and
    /// the challenge's response. An MCU unit (14/15) is online at once and gets its whole state; a Logic Control (10/11) only
    /// once it confirms (cmd 03), since it checks the response first.
    /// </summary>
    private void Announced(McuUnit unit, ReadOnlySpan<byte> parameters)
    {
        if (!McuHandshake.TryReadQuery(parameters, out var serial, out var challenge))
        {
            Heard(unit, announced: false);
            CountUnhandled(unit, $"Host Connection Query with {parameters.Length} parameter bytes (expected 7 serial + 4 challenge)");
            return;
        }
        unit.Serial = McuHandshake.SerialText(serial);
        unit.AddSysEx(McuHandshake.Reply(unit.Device, serial, challenge));
        _log.Info("announced", "MCU {Port} (unit {Position}) announced itself: device {Device:X2}, serial {Serial}; replied", unit.Port.Id, unit.Position + 1, unit.Device, unit.Serial);
        if (unit.Device is McuSysEx.LogicControl or McuSysEx.LogicControlXt)
        {
            unit.AwaitingConfirmation = true;
            unit.Online = false;
            unit.LastHeard = Now;
            unit.Flush();
            return;
        }
        Heard(unit, announced: true);
    }

    private void CountUnhandled(McuUnit unit, string what)
    {
        Interlocked.Increment(ref _unhandled);
        _log.Info("unhandled", "MCU {Port}: {Message} means nothing here; ignored", unit.Port.Id, what);
    }

    /// <summary>A unit spoke: the first time (or after a power-on announcement) it gets its whole state.</summary>
    private void Heard(McuUnit unit, bool announced)
    {
        unit.LastHeard = Now;
        if (unit.Online && !announced) return;
        unit.Online = true;
        unit.Forget();
        _dirty = true;
        _log.Info("online", "MCU {Port} (unit {Position}) online; full state sent", unit.Port.Id, unit.Position + 1);
        if (unit.Hui) return;
        for (int strip = 0; strip < StripsPerUnit; strip++) unit.AddSysEx(McuSysEx.MeterMode(unit.Device, strip, 0x03));
        for (int note = 0; note <= McuNote.Scrub; note++) SetLed(unit, note, false);
        for (int note = McuNote.SmpteLed; note <= McuNote.RudeSoloLed; note++) SetLed(unit, note, false);
    }

    private bool Dispatch(McuUnit unit, MidiMessage message)
    {
        if (McuFader.TryDecodePosition(message, out int fader, out int value))
        {
            MoveFader(unit, fader, value);
            return true;
        }
        if (McuFader.TryDecodeTouch(message, out fader, out bool touched))
        {
            TouchFader(unit, fader, touched);
            return true;
        }
        if (McuVPot.TryDecodeTurn(message, out int pot, out int delta))
        {
            TurnPot(unit, pot, delta);
            return true;
        }
        if (McuVPot.TryDecodeJog(message, out delta))
        {
            if (unit.Position != 0) return false;
            Jog(delta);
            return true;
        }
        if (McuButton.TryDecode(message, out int note, out bool pressed))
        {
            if (note == McuNote.Shift && unit.Position == 0)
            {
                _shift = pressed;
                return true;
            }
            return !pressed || Press(unit, note);
        }
        return false;
    }

    private void MoveFader(McuUnit unit, int fader, int value)
    {
        var target = FaderHandle(unit, fader);
        int echo = value;
        if (target is { } h)
        {
            _control.SetParameter(Client, h, FaderTaper.FromMidi14(value), ValueMode.Normalized);
            echo = FaderTaper.ToMidi14(_control.GetNormalized(h)); // the value set, even while automation plays another
        }
        // The servo rule: every accepted move is echoed, even when the last value sent was the same.
        AddFader(unit, fader, echo);
        unit.Faders[fader] = echo;
        _dirty = true;
    }

    private void TouchFader(McuUnit unit, int fader, bool touched)
    {
        int key = FaderKey(unit, fader);
        if (touched)
        {
            if (_faderTouches.ContainsKey(key)) return;
            var target = FaderHandle(unit, fader);
            _faderTouches[key] = target;
            if (target is { } h) _control.BeginTouch(Client, h);
        }
        else if (_faderTouches.Remove(key, out var held))
        {
            if (held is { } h) EndTouch(h);
            unit.Faders[fader] = -1; // catch up with whatever the value became while held
        }
        _dirty = true;
    }

    private void TurnPot(McuUnit unit, int pot, int delta)
    {
        if (StripOf(unit, pot) is not { } strip || PotHandle(strip) is not { } h) return;
        if (_potTouch.Value(h.Slot, Now))
        {
            _potTouches[h.Slot] = h;
            _control.BeginTouch(Client, h);
        }
        double step = delta / (_shift ? 255.0 : 63.0);
        _control.SetParameter(Client, h, Math.Clamp(_control.GetShownNormalized(h) + step, 0.0, 1.0), ValueMode.Normalized);
        _dirty = true;
    }

    private void Jog(int frames)
    {
        var transport = _control.Transport;
        long samplesPerFrame = Timecode.FrameToSamples(1, _sampleRate, transport.Timecode.Rate);
        _control.Locate(Client, Math.Max(0, transport.Position + frames * samplesPerFrame));
    }

    private bool Press(McuUnit unit, int note)
    {
        if (note < McuNote.AssignTrack)
        {
            int row = note / StripsPerUnit * StripsPerUnit, channel = note % StripsPerUnit;
            if (StripOf(unit, channel) is not { } strip) return true;
            if (row == McuNote.RecArm)
            {
                _control.SetRecordArm(Client, strip.Prefix, !_arms.IsArmed(strip.Prefix));
                _arms = _control.RecordArm; // the hub does not echo the surface's own change
            }
            else if (row == McuNote.Solo && strip.Solo is not null) _control.SetSolo(Client, strip.Prefix, !IsOn(strip.Solo));
            else if (row == McuNote.Mute && strip.Mute is not null) _control.SetMute(Client, strip.Prefix, !IsOn(strip.Mute));
            else if (row == McuNote.Select && !_selected.Remove(strip.Prefix)) _selected.Add(strip.Prefix);
            else if (row == McuNote.VPotPush && PotHandle(strip) is { } h) _control.SetParameter(Client, h, h.Descriptor.Default);
            _dirty = true;
            return true;
        }
        if (unit.Position != 0) return false;
        switch (note)
        {
            case McuNote.AssignTrack + 1: PressAssign(McuPotMode.Send); break;
            case McuNote.AssignTrack + 2: PressAssign(McuPotMode.Pan); break;
            case McuNote.AssignTrack + 3: PressAssign(McuPotMode.Dynamics); break;
            case McuNote.AssignTrack + 4: PressAssign(McuPotMode.Eq); break;
            case McuNote.BankLeft: MoveBank(() => Bank.Move(-1)); break;
            case McuNote.BankRight: MoveBank(() => Bank.Move(1)); break;
            case McuNote.ChannelLeft: MoveBank(() => Bank.MoveStrips(-1)); break;
            case McuNote.ChannelRight: MoveBank(() => Bank.MoveStrips(1)); break;
            case McuNote.Flip:
                EndFaderTouches();
                _flip = !_flip;
                break;
            case McuNote.NameValue: _showNames = !_showNames; break;
            case McuNote.Play: _control.Play(Client); break;
            case McuNote.Stop: _control.Stop(Client); break;
            case McuNote.Rewind: Shuttle(-1); break;
            case McuNote.FastForward: Shuttle(1); break;
            default: return PressPassKey(note) || PressAutomation(note);
        }
        _dirty = true;
        return true;
    }

    private void PressAssign(McuPotMode mode)
    {
        foreach (int slot in _potTouch.ReleaseAll()) EndPotTouch(slot);
        Pots.Press(mode);
    }

    private void MoveBank(Func<bool> move)
    {
        EndFaderTouches();
        if (!move()) return;
        foreach (var unit in _units)
            for (int strip = 0; strip < StripsPerUnit; strip++)
                if (unit.Overloads[strip] && unit.Online && !unit.Hui)
                {
                    unit.Add(McuMeter.Level(strip, McuMeter.ClearOverload));
                    unit.Overloads[strip] = false;
                }
    }

    private void Shuttle(int direction)
    {
        long step = (long)Math.Round(_options.ShuttleSeconds * _sampleRate);
        _control.Locate(Client, Math.Max(0, _control.Transport.Position + direction * step));
    }

    private void EndFaderTouches()
    {
        foreach (var held in _faderTouches.Values)
            if (held is { } h) EndTouch(h);
        _faderTouches.Clear();
        foreach (var unit in _units) Array.Fill(unit.Faders, -1);
        _dirty = true;
    }

    private void EndPotTouch(int slot)
    {
        if (_potTouches.Remove(slot, out var h)) EndTouch(h);
    }

    private void EndTouch(ParameterHandle h)
    {
        try
        {
            _control.EndTouch(Client, h);
        }
        catch (ParameterAddressException)
        {
            // Removed by a session edit while held: nothing is left to release.
        }
    }

    /// <summary>The strip shown on <paramref name="channel"/> of <paramref name="unit"/>, or null for a blank strip.</summary>
    private SurfaceStrip? StripOf(McuUnit unit, int channel)
    {
        int index = Bank.StripAt(unit.Position * StripsPerUnit + channel + 1);
        return index < 0 ? null : _strips[index];
    }

    /// <summary>What a fader drives: the strip fader (or, flipped, its V-pot parameter); the master fader drives the configured master strip.</summary>
    private ParameterHandle? FaderHandle(McuUnit unit, int fader)
    {
        if (fader == McuFader.Master) return unit.Position == 0 ? _master?.Fader : null;
        return StripOf(unit, fader) is { } strip ? (_flip ? PotParameter(strip) : strip.Fader) : null;
    }

    /// <summary>What a strip's V-pot drives: the current page's parameter (or, flipped, the strip fader).</summary>
    private ParameterHandle? PotHandle(SurfaceStrip strip) => _flip ? strip.Fader : PotParameter(strip);

    private ParameterHandle? PotParameter(SurfaceStrip strip) =>
        Pots.Parameter is { } p && _parameters[_stripByPrefix[strip.Prefix]].TryGetValue(p, out var h) ? h : null;

    /// <summary>The key of a unit's fader (0..7 strips, 8 master) among the held fader touches.</summary>
    private static int FaderKey(McuUnit unit, int fader) => unit.Position * (McuFader.Master + 1) + fader;

    private bool IsOn(ParameterHandle? h) => h is { } handle && _control.GetShownValue(handle) >= 0.5;

    private int Position14(ParameterHandle h) => FaderTaper.ToMidi14(_control.GetShownNormalized(h));
}
