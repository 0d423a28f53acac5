namespace MixEngine.Surfaces.Midi;

/// <summary>
/// One ALSA raw MIDI device file, <c>/dev/snd/midiC&lt;card&gt;D&lt;device&gt;</c>, with the card's stable id (from
/// <c>/proc/asound/card&lt;n&gt;/id</c>, e.g. "XTouch") and the port name ALSA reports. <see cref="Id"/> uses the card
/// id, so a surface keeps its binding when cards are numbered differently after a reboot or re-plug.
/// </summary>
public sealed record AlsaRawMidiDevice(int Card, int Device, string Path, string CardId, string Name)
{
    /// <summary>Stable port identity: <c>alsa:CARDID/DEVICE</c>.</summary>
    public string Id => $"alsa:{CardId}/{Device}";

    /// <summary>The alsa-lib name of the device (as <c>amidi -l</c> shows it), which changes with card numbering.</summary>
    public string HardwareName => $"hw:{Card},{Device}";
}
