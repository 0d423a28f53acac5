namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Resolves control changes into 7-bit controllers, 14-bit controller pairs and NRPN/RPN data entry, per channel,
/// following the MIDI 1.0 Detailed Specification ("Control Change" and "Registered/Non-Registered Parameter
/// Numbers"): CC n (0..31) is the MSB and CC n+32 the LSB of one 14-bit controller; receiving an MSB resets the LSB to
/// 0, so an MSB alone yields msb&lt;&lt;7 and a following LSB refines it. CC 99/98 select an NRPN, CC 101/100 an RPN
/// (RPN 7F/7F = null deselects), and CC 6/38/96/97 then edit the selected parameter; with no parameter selected,
/// CC 6/38 are an ordinary 14-bit pair. One instance per input stream, one thread; allocates nothing.
/// </summary>
public sealed class MidiControllerDecoder
{
    private const int NoParameter = -1;
    private readonly byte[] _msb = new byte[16 * 32];
    private readonly byte[] _lsb = new byte[16 * 32];
    private readonly int[] _parameterMsb = new int[16];
    private readonly int[] _parameterLsb = new int[16];
    private readonly bool[] _registered = new bool[16];

    /// <summary>A decoder with no parameter selected on any channel.</summary>
    public MidiControllerDecoder()
    {
        Array.Fill(_parameterMsb, NoParameter);
        Array.Fill(_parameterLsb, NoParameter);
    }

    /// <summary>Resolves one message; false when it is not a control change.</summary>
    public bool TryDecode(MidiMessage message, out MidiControllerEvent controllerEvent)
    {
        controllerEvent = default;
        if (message.Kind != 0xB0) return false;
        int ch = message.Channel;
        int cc = message.Data1;
        int v = message.Data2;
        switch (cc)
        {
            case 99 or 98:
                SelectParameter(ch, cc == 99, v, registered: false);
                controllerEvent = new(MidiControllerEventKind.Controller7, ch, cc, v);
                return true;
            case 101 or 100:
                SelectParameter(ch, cc == 101, v, registered: true);
                controllerEvent = new(MidiControllerEventKind.Controller7, ch, cc, v);
                return true;
            case 96 or 97 when Selected(ch, out int number):
                controllerEvent = new(_registered[ch]
                    ? cc == 96 ? MidiControllerEventKind.RpnIncrement : MidiControllerEventKind.RpnDecrement
                    : cc == 96 ? MidiControllerEventKind.NrpnIncrement : MidiControllerEventKind.NrpnDecrement, ch, number, v);
                return true;
            case 6 or 38 when Selected(ch, out int number):
                int value = Pair(ch, cc, v);
                controllerEvent = new(_registered[ch] ? MidiControllerEventKind.Rpn : MidiControllerEventKind.Nrpn, ch, number, value);
                return true;
            case < 64:
                controllerEvent = new(MidiControllerEventKind.Controller14, ch, cc & 31, Pair(ch, cc, v));
                return true;
            case >= 120:
                controllerEvent = new(MidiControllerEventKind.ChannelMode, ch, cc, v);
                return true;
            default:
                controllerEvent = new(MidiControllerEventKind.Controller7, ch, cc, v);
                return true;
        }
    }

    private int Pair(int ch, int cc, int v)
    {
        int slot = ch * 32 + (cc & 31);
        if (cc < 32)
        {
            _msb[slot] = (byte)v;
            _lsb[slot] = 0;
        }
        else _lsb[slot] = (byte)v;
        return _msb[slot] << 7 | _lsb[slot];
    }

    private void SelectParameter(int ch, bool isMsb, int v, bool registered)
    {
        if (_registered[ch] != registered)
        {
            _parameterMsb[ch] = NoParameter;
            _parameterLsb[ch] = NoParameter;
            _registered[ch] = registered;
        }
        if (isMsb) _parameterMsb[ch] = v;
        else _parameterLsb[ch] = v;
        if (registered && _parameterMsb[ch] == 0x7F && _parameterLsb[ch] == 0x7F)
        {
            _parameterMsb[ch] = NoParameter;
            _parameterLsb[ch] = NoParameter;
        }
    }

    private bool Selected(int ch, out int number)
    {
        number = _parameterMsb[ch] < 0 || _parameterLsb[ch] < 0 ? NoParameter : _parameterMsb[ch] << 7 | _parameterLsb[ch];
        return number >= 0;
    }
}
