namespace MixEngine.Surfaces.Mackie;

/// <summary>What a HUI surface reported.</summary>
public enum HuiEventKind
{
    /// <summary>A switch: Zone, Port, Pressed (zone 00..07 port 0 is fader touch).</summary>
    Switch,
    /// <summary>A fader position: Zone = strip 0..7, Value = 14-bit position.</summary>
    Fader,
    /// <summary>A V-pot turn: Zone = pot, Value = signed ticks (positive = clockwise).</summary>
    VPot,
    /// <summary>A jog wheel turn: Value = signed ticks.</summary>
    Jog,
    /// <summary>The surface answered the host's ping (<c>90 00 7F</c>).</summary>
    PingReply,
}

/// <summary>One decoded HUI input. A value; any thread.</summary>
public readonly record struct HuiEvent(HuiEventKind Kind, int Zone = 0, int Port = 0, bool Pressed = false, int Value = 0);
