using MixEngine.ControlPlane;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// HUI units of an <see cref="McuSurface"/> (spec surfaces.md §2): the same behaviour as MCU units, spoken in HUI.
/// Input: switches (zone select + port) become the MCU notes of the same controls (<see cref="HuiMap"/>; zone 00..07
/// port 0 is fader touch), faders apply on their lo byte, V-pots and jog keep their HUI sign. Output: LEDs as zone/port
/// pairs, faders as hi/lo CCs (no master fader), rings on CC 10+n, the strip name on each 4-character display, the
/// timecode on the time display, meters as poly pressure per side. The host pings every
/// <see cref="McuSurfaceOptions.HuiPingInterval"/>; a unit silent for <see cref="McuSurfaceOptions.HuiTimeout"/> is
/// offline and gets its whole state when it answers again. Every member runs under the surface's lock.
/// </summary>
public sealed partial class McuSurface
{
    private const int HuiNameChars = 4;

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
