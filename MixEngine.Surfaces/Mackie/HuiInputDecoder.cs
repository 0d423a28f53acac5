using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// Decodes what a HUI surface sends (spec surfaces.md §2): switches as zone select <c>B0 0F zz</c> followed by
/// <c>B0 2F pp</c> (pp = port, +40 when pressed), faders as <c>B0 0s hi</c> then <c>B0 2s lo</c> (applied when the lo
/// byte arrives), V-pots CC 40..4B and jog CC 0D with the HUI sign (bit 6 set = clockwise), and the ping reply
/// <c>90 00 7F</c>. Keeps the zone and fader hi bytes between messages, so one instance per surface port and one
/// thread; allocates nothing.
/// </summary>
public sealed class HuiInputDecoder
{
    private readonly int[] _faderHigh = [-1, -1, -1, -1, -1, -1, -1, -1];
    private int _zone = -1;

    /// <summary>Decodes one message; false when it carries nothing to act on yet (a zone select, a fader hi byte) or is not HUI input.</summary>
    public bool TryDecode(MidiMessage message, out HuiEvent huiEvent)
    {
        huiEvent = default;
        if (message.Status == 0x90 && message.Data1 == 0 && message.Data2 == 0x7F)
        {
            huiEvent = new HuiEvent(HuiEventKind.PingReply);
            return true;
        }
        if (message.Status != 0xB0) return false;
        int cc = message.Data1, v = message.Data2;
        switch (cc)
        {
            case 0x0F:
                _zone = v;
                return false;
            case 0x2F when _zone >= 0:
                huiEvent = new HuiEvent(HuiEventKind.Switch, _zone, v & 0x0F, (v & 0x40) != 0);
                return true;
            case <= 0x07:
                _faderHigh[cc] = v;
                return false;
            case >= 0x20 and <= 0x27 when _faderHigh[cc - 0x20] >= 0:
                huiEvent = new HuiEvent(HuiEventKind.Fader, cc - 0x20, Value: _faderHigh[cc - 0x20] << 7 | v);
                return true;
            case 0x0D:
                huiEvent = new HuiEvent(HuiEventKind.Jog, Value: Ticks(v));
                return true;
            case >= 0x40 and <= 0x4B:
                huiEvent = new HuiEvent(HuiEventKind.VPot, cc - 0x40, Value: Ticks(v));
                return true;
            default:
                return false;
        }
    }

    private static int Ticks(int v) => (v & 0x40) != 0 ? v & 0x3F : -(v & 0x3F);
}
