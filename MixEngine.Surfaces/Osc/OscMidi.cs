namespace MixEngine.Surfaces.Osc;

/// <summary>The OSC 'm' argument: a port id and three MIDI bytes, in wire order. Immutable; any thread.</summary>
public readonly record struct OscMidi(byte Port, byte Status, byte Data1, byte Data2);
