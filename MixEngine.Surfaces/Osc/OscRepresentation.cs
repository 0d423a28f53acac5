namespace MixEngine.Surfaces.Osc;

/// <summary>How a strip parameter is shown to an OSC client; part of the client's last-sent cache key (slot × 8 + representation).</summary>
internal enum OscRepresentation
{
    /// <summary>0 … 1 control position (<c>/strip/fader</c>, <c>/strip/pan_stereo_position</c>, <c>/mixengine/norm/…</c>).</summary>
    Position = 0,

    /// <summary>The natural unit (<c>/strip/gain</c> dB, <c>/strip/trimdB</c>, <c>/strip/mute</c> 0/1).</summary>
    Natural = 1,

    /// <summary><c>/mixengine/param/…</c> in the natural unit.</summary>
    NamespaceNatural = 2,

    /// <summary><c>/mixengine/norm/…</c> as a position.</summary>
    NamespacePosition = 3,

    /// <summary><c>/strip/meter</c> (keyed by the strip's fader slot).</summary>
    Meter = 4,

    /// <summary><c>/strip/signal</c> (keyed by the strip's fader slot).</summary>
    Signal = 5,

    /// <summary><c>/strip/select</c> (keyed by the strip's fader slot).</summary>
    Select = 6,

    /// <summary><c>/strip/gain/automation</c> or <c>/strip/fader/automation</c> and its name (keyed by the strip's fader slot).</summary>
    Automation = 7,
}
