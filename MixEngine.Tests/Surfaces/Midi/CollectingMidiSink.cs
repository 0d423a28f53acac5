using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

/// <summary>Records everything a MIDI parser delivers, in order, as text items ("90 3C 7F", "SysEx F0 .. F7", "fault ...").</summary>
internal sealed class CollectingMidiSink : IMidiSink
{
    public List<string> Items { get; } = [];
    public List<MidiMessage> Messages { get; } = [];
    public List<MidiFault> Faults { get; } = [];

    public void OnMessage(MidiMessage message)
    {
        Messages.Add(message);
        Items.Add(message.ToString());
    }

    public void OnSysEx(ReadOnlySpan<byte> sysEx) => Items.Add("SysEx " + Convert.ToHexString(sysEx));

    public void OnMalformed(MidiFault fault)
    {
        Faults.Add(fault);
        Items.Add($"fault {fault.Kind} @{fault.StreamOffset}");
    }
}
