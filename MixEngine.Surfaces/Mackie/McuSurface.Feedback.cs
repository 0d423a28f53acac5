using MixEngine.ControlPlane;
using MixEngine.Surfaces.Abstractions;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// What an <see cref="McuSurface"/> shows (spec surfaces.md §1.4-§1.9): every unit is rendered from engine state and
/// compared with what it was last sent, so only changes go out. Every member runs under the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    private static readonly int[] AssignNotes = [McuNote.AssignTrack + 2, McuNote.AssignTrack + 1, McuNote.AssignTrack + 4, McuNote.AssignTrack + 3];
    private readonly MidiMessage[] _segments = new MidiMessage[McuSevenSegment.TimecodeDigits];

    private void ParameterChanged()
    {
        lock (_gate) _dirty = true;
    }

    private void RecordArmChanged(RecordArmState arms)
    {
        lock (_gate)
        {
            _arms = arms;
            _dirty = true;
        }
    }

    private void TransportChanged(in TransportSnapshot transport)
    {
        lock (_gate)
        {
            _transport = transport;
            RenderTransport(_units[0]);
            _units[0].Flush();
        }
    }

    private void MetersChanged(IMeterReadings meters)
    {
        lock (_gate)
        {
            for (int m = 0; m < meters.StripCount; m++)
            {
                if (!_stripByPrefix.TryGetValue(meters.StripName(m), out int index)) continue;
                int ssid = Bank.SsidOf(index);
                if (ssid == 0) continue;
                var unit = _units[(ssid - 1) / StripsPerUnit];
                if (!unit.Online) continue;
                int strip = (ssid - 1) % StripsPerUnit;
                if (unit.Hui)
                {
                    HuiMeters(unit, strip, meters, m);
                    continue;
                }
                double peak = double.NegativeInfinity;
                for (int c = 0; c < meters.ChannelCount(m); c++) peak = Math.Max(peak, meters.PeakDb(m, c));
                int level = McuMeter.LevelOf(peak);
                // The meters decay by themselves: any signal is re-sent every round, silence once.
                if (level > 0 || unit.Meters[strip] > 0) unit.Add(McuMeter.Level(strip, level));
                unit.Meters[strip] = level;
                if (peak > 0 && !unit.Overloads[strip])
                {
                    unit.Add(McuMeter.Level(strip, McuMeter.SetOverload));
                    unit.Overloads[strip] = true;
                }
            }
            foreach (var unit in _units) unit.Flush();
        }
    }

    /// <summary>Sends every unit what changed since it was last sent.</summary>
    private void Render()
    {
        _dirty = false;
        foreach (var unit in _units)
        {
            if (!unit.Online)
            {
                unit.Flush();
                continue;
            }
            for (int channel = 0; channel < StripsPerUnit; channel++) RenderStrip(unit, channel);
            if (unit.Hui) RenderHuiDisplays(unit);
            if (unit.XTouch) RenderColours(unit);
            if (unit.Position == 0)
            {
                RenderFader(unit, McuFader.Master, FaderHandle(unit, McuFader.Master));
                RenderGlobals(unit);
                RenderAutomation(unit);
                RenderPassKeys(unit);
                RenderTransport(unit);
            }
            unit.Flush();
        }
    }

    private void RenderStrip(McuUnit unit, int channel)
    {
        var strip = StripOf(unit, channel);
        var fader = FaderHandle(unit, channel);
        RenderFader(unit, channel, fader);
        SetLed(unit, McuNote.Solo + channel, IsOn(strip?.Solo));
        SetLed(unit, McuNote.Mute + channel, IsOn(strip?.Mute));
        SetLed(unit, McuNote.Select + channel, strip is not null && _selected.Contains(strip.Prefix));
        SetLed(unit, McuNote.RecArm + channel, strip is not null && _arms.IsArmed(strip.Prefix));
        var pot = strip is null ? null : PotHandle(strip);
        int ring = 0;
        if (pot is { } p)
        {
            var mode = _flip ? McuRingMode.Wrap : McuPotPages.RingOf(p.Descriptor);
            int position = McuVPot.PositionOf(_control.GetShownNormalized(p), mode);
            ring = McuVPot.Ring(channel, mode, position, mode is McuRingMode.Dot or McuRingMode.BoostCut && position == 6).Data2;
        }
        if (unit.Rings[channel] != ring)
        {
            unit.Add(unit.Hui ? HuiOutput.Ring(channel, ring) : MidiMessage.ControlChange(0, 0x30 + channel, ring));
            unit.Rings[channel] = ring;
        }
        if (unit.Hui) return; // the HUI displays are drawn per unit (RenderHuiDisplays)
        SetCell(unit, 0, channel, strip?.Name ?? "");
        SetCell(unit, 1, channel, BottomLine(unit, channel, strip, fader, pot));
    }

    /// <summary>An X-Touch's strip colours (one SysEx for all 8), sent when any changed: by stem, off for a blank strip.</summary>
    private void RenderColours(McuUnit unit)
    {
        Span<XTouchColour> colours = stackalloc XTouchColour[StripsPerUnit];
        int key = 0;
        for (int channel = 0; channel < StripsPerUnit; channel++)
        {
            int index = Bank.StripAt(unit.Position * StripsPerUnit + channel + 1);
            colours[channel] = index < 0 ? XTouchColour.Off : _colours[index];
            key |= (int)colours[channel] << 3 * channel;
        }
        if (unit.Colours == key) return;
        unit.AddSysEx(XTouchScribbleColours.Write(unit.Device, colours));
        unit.Colours = key;
    }

    private string BottomLine(McuUnit unit, int channel, SurfaceStrip? strip, ParameterHandle? fader, ParameterHandle? pot)
    {
        if (strip is null) return "";
        if (_faderTouches.ContainsKey(FaderKey(unit, channel)) && fader is { } f)
            return McuValueText.Of(f.Descriptor, _control.GetParameter(f));
        if (pot is not { } p) return "";
        return _showNames ? (_flip ? "Fader" : McuPotPages.Label(p.Address.Parameter)) : McuValueText.Of(p.Descriptor, _control.GetShownValue(p));
    }

    private void RenderFader(McuUnit unit, int fader, ParameterHandle? target)
    {
        // A touched fader is never moved: the hand holds it, and its moves are echoed as they come.
        if (_faderTouches.ContainsKey(FaderKey(unit, fader))) return;
        int position = target is { } h ? Position14(h) : 0;
        if (unit.Faders[fader] == position) return;
        AddFader(unit, fader, position);
        unit.Faders[fader] = position;
    }

    private static void AddFader(McuUnit unit, int fader, int position)
    {
        if (!unit.Hui)
        {
            unit.Add(McuFader.Position(fader, position));
            return;
        }
        if (fader == McuFader.Master) return; // HUI has no master fader
        Span<MidiMessage> two = stackalloc MidiMessage[2];
        HuiOutput.Fader(fader, position, two);
        foreach (var m in two) unit.Add(m);
    }

    private void RenderGlobals(McuUnit unit)
    {
        for (int i = 0; i < AssignNotes.Length; i++) SetLed(unit, AssignNotes[i], (int)Pots.Mode == i);
        SetLed(unit, McuNote.Flip, _flip);
        SetLed(unit, McuNote.NameValue, _showNames);
        SetLed(unit, McuNote.BankLeft, Bank.CanBankDown);
        SetLed(unit, McuNote.BankRight, Bank.CanBankUp);
        if (unit.Hui)
        {
            RenderHuiAssignment(unit);
            return;
        }
        var (left, right) = Pots.Display();
        Span<MidiMessage> two = stackalloc MidiMessage[2];
        McuSevenSegment.Assignment(left, right, two);
        foreach (var m in two) SetSegment(unit, m);
    }

    private void RenderTransport(McuUnit unit)
    {
        if (!unit.Online || _transport is not { } t) return;
        bool playing = t.State != TransportState.Stopped;
        SetLed(unit, McuNote.Play, playing);
        SetLed(unit, McuNote.Stop, !playing);
        SetLed(unit, McuNote.SmpteLed, true);
        if (unit.Hui)
        {
            HuiTime(unit, t.Timecode.ToString());
            return;
        }
        McuSevenSegment.Timecode(t.Timecode.ToString(), _segments);
        foreach (var m in _segments) SetSegment(unit, m);
    }

    private void SetSegment(McuUnit unit, MidiMessage message)
    {
        int index = message.Data1 - 0x40;
        if (unit.Segments[index] == message.Data2) return;
        unit.Add(message);
        unit.Segments[index] = message.Data2;
    }

    private static void SetLed(McuUnit unit, int note, bool on)
    {
        int velocity = on ? (int)McuLed.On : (int)McuLed.Off;
        if (unit.Leds[note] == velocity) return;
        unit.Leds[note] = velocity;
        if (!unit.Hui)
        {
            unit.Add(McuButton.Led(note, on ? McuLed.On : McuLed.Off));
            return;
        }
        if (!HuiMap.TrySwitchOf(note, out int zone, out int port)) return;
        Span<MidiMessage> two = stackalloc MidiMessage[2];
        HuiOutput.Led(zone, port, on, two);
        foreach (var m in two) unit.Add(m);
    }

    private static void SetCell(McuUnit unit, int line, int strip, string text)
    {
        string cell = McuLcd.Abbreviate(text, McuLcd.StripChars).PadRight(McuLcd.StripChars);
        if (unit.Cells[line * StripsPerUnit + strip] == cell) return;
        unit.AddSysEx(McuLcd.WriteStrip(unit.Device, strip, line, text));
        unit.Cells[line * StripsPerUnit + strip] = cell;
    }
}
