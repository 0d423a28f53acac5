namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// A mapping profile (docs/surfaces.md, Mapping profiles): which MIDI controls of a device drive which parameters or
/// commands, how many strips the device shows, its soft-key pages and touch behaviour. Read from JSON by
/// <see cref="MappingProfileReader"/>, written by <see cref="MappingProfileWriter"/>. Immutable; any thread.
/// </summary>
/// <param name="Name">Human-readable name (device and purpose).</param>
/// <param name="Strips">Strip slots the device shows (the bank size).</param>
/// <param name="Controls">The controls, in profile order.</param>
/// <param name="SoftKeys">Soft-key pages, each a list of commands run by <c>softkey/N</c> controls.</param>
public sealed record MappingProfile(string Name, int Strips, IReadOnlyList<MappingControl> Controls, IReadOnlyList<SoftKeyPage> SoftKeys)
{
    /// <summary>The format version written in <c>mixengineSurfaceProfile</c>.</summary>
    public const int FormatVersion = 1;

    /// <summary>True when touching a strip control (its touch sensor, or its first move without one) selects that strip.</summary>
    public bool SelectByTouch { get; init; } = true;

    /// <summary>How long after its last value a control without a touch sensor counts as touched.</summary>
    public TimeSpan TouchTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Encoder slots of the attention page: the highest <c>attention/N</c> of any control.</summary>
    public int AttentionSlots => Controls.Where(c => c.Action.Kind == MappingActionKind.Attention).Select(c => c.Action.Slot).DefaultIfEmpty(0).Max();

    /// <summary>A copy with <paramref name="control"/> added, replacing any control on the same MIDI message.</summary>
    public MappingProfile With(MappingControl control) =>
        this with { Controls = [.. Controls.Where(c => c.Midi.Kind != control.Midi.Kind || c.Midi.Channel != control.Midi.Channel || c.Midi.Number != control.Midi.Number), control] };
}

/// <summary>One control of a profile: its MIDI message, what it acts on, an optional touch sensor, a value range and feedback behaviour. Immutable; any thread.</summary>
/// <param name="Name">A name for logs and learn (e.g. <c>fader 1</c>).</param>
/// <param name="Midi">The MIDI message the control sends and is fed back in.</param>
/// <param name="Action">What it drives.</param>
public sealed record MappingControl(string Name, MidiBinding Midi, MappingAction Action)
{
    /// <summary>The touch sensor of the control (a note: velocity &gt; 0 touched, 0 or Note Off released), or null.</summary>
    public MidiBinding? Touch { get; init; }

    /// <summary>The natural-unit value at the control's minimum (with <see cref="Maximum"/>: a linear range instead of the parameter's taper).</summary>
    public double? Minimum { get; init; }

    /// <summary>The natural-unit value at the control's maximum.</summary>
    public double? Maximum { get; init; }

    /// <summary>What one relative encoder tick moves, as a fraction of the 0..1 control range.</summary>
    public double Step { get; init; } = 1.0 / 100;

    /// <summary>True for a motor fader that needs every accepted move sent back (the servo rule); false sends nothing back for the control's own moves.</summary>
    public bool Echo { get; init; }
}

/// <summary>A soft-key page: its name and the commands its keys run (key N = <c>softkey/N</c>). Immutable; any thread.</summary>
/// <param name="Name">The page's name.</param>
/// <param name="Keys">The commands, key 1 first.</param>
public sealed record SoftKeyPage(string Name, IReadOnlyList<MappingAction> Keys);
