using MixEngine.ControlPlane;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// HUI units of an <see cref="McuSurface"/> (spec surfaces.md §2): the same behaviour as MCU units, spoken in HUI.
/// Input: switches (zone select + port) become the MCU notes of the same controls (<see cref="HuiMap"/>; zone 00..07
/// port 0 is fader touch), faders apply on their lo byte, V-pots and jog keep their HUI sign. Output: LEDs as zone/port
/// pairs, faders as hi/lo CCs (no master fader), rings on CC 10+n, meters as poly pressure per side, and the displays
/// (§2.5): each strip's 4-character display shows its name, or its fader's value while the fader is touched; the 2x40
/// main display gives each strip a 5-cell field, the V-pot parameter's label on the top row and its value on the bottom
/// row; the select-assign display shows the V-pot assignment (<see cref="HuiText.Assignment"/>); the time display shows
/// the timecode. The assign section's PAN key pages through the pan parameters as MCU's does, SEND A…E pick send pages
/// 1…5 (<see cref="HuiMap.SendZone"/>). The host pings every
/// <see cref="McuSurfaceOptions.HuiPingInterval"/>; a unit silent for <see cref="McuSurfaceOptions.HuiTimeout"/> is
/// offline and gets its whole state when it answers again. Every member runs under the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    private const int HuiSlices = 8, HuiSliceChars = 10, HuiRowChars = 40, HuiSelectAssign = 8;

    private bool DispatchHui(McuUnit unit, MidiMessage message)
    {
        if (!unit.Decoder.TryDecode(message, out var e))
            return message.Status == 0xB0 && (message.Data1 == 0x0F || message.Data1 <= 0x07); // a zone select or a fader hi byte: the rest follows
        switch (e.Kind)
        {
            case HuiEventKind.PingReply:
                return true;
            case HuiEventKind.Fader:
                MoveFader(unit, e.Zone, e.Value);
                return true;
            case HuiEventKind.VPot when e.Zone < StripsPerUnit:
                TurnPot(unit, e.Zone, e.Value);
                return true;
            case HuiEventKind.Jog when unit.Position == 0:
                Jog(e.Value);
                return true;
            case HuiEventKind.Switch when e.Zone < StripsPerUnit && e.Port == 0:
                TouchFader(unit, e.Zone, e.Pressed);
                return true;
            case HuiEventKind.Switch when e.Zone == HuiMap.HotKeyZone && e.Port == HuiMap.ShiftPort:
                if (unit.Position != 0) return false;
                _shift = e.Pressed;
                return true;
            case HuiEventKind.Switch when e.Zone == HuiMap.SendZone && HuiMap.SendPageOf(e.Port) is >= 0 and var page:
                if (unit.Position != 0) return false;
                if (e.Pressed) ShowSend(page);
                return true;
            case HuiEventKind.Switch:
                int note = HuiMap.NoteOf(e.Zone, e.Port);
                if (note < 0) return false;
                return !e.Pressed || Press(unit, note);
            default:
                return false;
        }
    }

    private void TickHui(McuUnit unit, TimeSpan now)
    {
        if (unit.LastQuery is not { } last || now - last >= _options.HuiPingInterval)
        {
            unit.LastQuery = now;
            unit.Add(HuiOutput.Ping);
            unit.Flush();
        }
        if (unit.Online && now - unit.LastHeard > _options.HuiTimeout)
        {
            unit.Online = false;
            _log.Info("offline", "HUI {Port} (unit {Position}) stopped answering pings; offline until it answers", unit.Port.Id, unit.Position + 1);
        }
    }

    /// <summary>SEND A…E: the V-pots go to that send page, or stay where they are when the session has fewer send buses.</summary>
    private void ShowSend(int page)
    {
        foreach (int slot in _potTouch.ReleaseAll()) EndPotTouch(slot);
        if (!Pots.Show(McuPotMode.Send, page))
            _log.Info("assign", "HUI SEND {Key} pressed, but the session has {Count} send bus(es); the V-pot assignment stays", (char)('A' + page), Pots.PagesOf(McuPotMode.Send).Count);
        _dirty = true;
    }

    /// <summary>A HUI unit's strip displays and 2x40 main display, each sent only where its text changed.</summary>
    private void RenderHuiDisplays(McuUnit unit)
    {
        Span<char> rows = stackalloc char[2 * HuiRowChars];
        for (int channel = 0; channel < StripsPerUnit; channel++)
        {
            var strip = StripOf(unit, channel);
            var fader = FaderHandle(unit, channel);
            var pot = strip is null ? null : PotHandle(strip);
            string small = _faderTouches.ContainsKey(FaderKey(unit, channel)) && fader is { } f ? HuiText.Value(f.Descriptor, _control.GetParameter(f)) : strip?.Name ?? "";
            SetHuiSmall(unit, channel, McuLcd.Abbreviate(small, HuiText.Width).PadRight(HuiText.Width));
            string label = pot is not { } p ? "" : _flip ? "Fader" : McuPotPages.Label(p.Address.Parameter);
            string value = pot is { } q ? HuiText.Value(q.Descriptor, _control.GetShownValue(q)) : "";
            HuiText.Field(label).CopyTo(rows[(channel * (HuiText.Width + 1))..]);
            HuiText.Field(value).CopyTo(rows[(HuiRowChars + channel * (HuiText.Width + 1))..]);
        }
        for (int slice = 0; slice < HuiSlices; slice++)
        {
            var text = rows.Slice(slice * HuiSliceChars, HuiSliceChars);
            if (unit.LargeSlices[slice] is { } sent && text.SequenceEqual(sent)) continue;
            unit.LargeSlices[slice] = new string(text);
            unit.AddSysEx(HuiOutput.LargeDisplay(slice, unit.LargeSlices[slice]!));
        }
    }

    /// <summary>A HUI unit's select-assign display and SEND A…E LEDs (the PAN LED is drawn as MCU's PAN key).</summary>
    private void RenderHuiAssignment(McuUnit unit)
    {
        Span<MidiMessage> two = stackalloc MidiMessage[2];
        for (int page = 0; page < unit.SendLeds.Length; page++)
        {
            int on = Pots.Mode == McuPotMode.Send && Pots.Page == page ? 1 : 0;
            if (unit.SendLeds[page] == on) continue;
            unit.SendLeds[page] = on;
            HuiOutput.Led(HuiMap.SendZone, HuiMap.SendPortOf(page), on == 1, two);
            foreach (var m in two) unit.Add(m);
        }
        string text = HuiText.Assignment(Pots.Mode, Pots.Page, Pots.Display().Right);
        if (unit.SelectAssign != text)
        {
            unit.AddSysEx(HuiOutput.SmallDisplay(HuiSelectAssign, text));
            unit.SelectAssign = text;
        }
    }

    private static void SetHuiSmall(McuUnit unit, int strip, string cell)
    {
        if (unit.Cells[strip] == cell) return;
        unit.AddSysEx(HuiOutput.SmallDisplay(strip, cell));
        unit.Cells[strip] = cell;
    }

    private static void HuiMeters(McuUnit unit, int strip, IMeterReadings meters, int m)
    {
        int channels = meters.ChannelCount(m);
        for (int side = 0; side < 2; side++)
        {
            double peak = channels == 0 ? double.NegativeInfinity : meters.PeakDb(m, Math.Min(side, channels - 1));
            // HUI levels: 1..B for the MCU segments up to 0 dBFS (the top two MCU segments share B), C = clip.
            int level = peak > 0 ? 0x0C : Math.Min(0x0B, McuMeter.LevelOf(peak));
            int key = side == 0 ? unit.Meters[strip] & 0x0F : unit.Meters[strip] >> 4;
            if (level > 0 || key > 0) unit.Add(HuiOutput.Meter(strip, side, level));
            unit.Meters[strip] = side == 0 ? (unit.Meters[strip] & 0xF0) | level : (unit.Meters[strip] & 0x0F) | level << 4;
        }
    }

    private static void HuiTime(McuUnit unit, string timecode)
    {
        if (unit.TimeText == timecode) return;
        unit.AddSysEx(HuiOutput.TimeDisplay(timecode));
        unit.TimeText = timecode;
    }
}
