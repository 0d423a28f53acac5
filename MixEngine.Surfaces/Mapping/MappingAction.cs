using System.Globalization;

namespace MixEngine.Surfaces.Mapping;

/// <summary>What a mapped control acts on.</summary>
public enum MappingActionKind
{
    /// <summary>A fixed parameter address (<c>bus/Printmaster/fader</c>).</summary>
    Parameter,
    /// <summary>A parameter of the strip in surface slot <see cref="MappingAction.Slot"/> (<c>strip/1/fader</c>).</summary>
    StripParameter,
    /// <summary>A parameter of the attention strip, the last selected one (<c>selected/pan/x</c>).</summary>
    SelectedParameter,
    /// <summary>Encoder slot <see cref="MappingAction.Slot"/> of the attention page (<c>attention/1</c>).</summary>
    Attention,
    /// <summary>An engine or surface command (<see cref="MappingAction.Command"/>).</summary>
    Command,
}

/// <summary>The engine and surface commands a button or soft key can run (docs/surfaces.md, Commands).</summary>
public enum MappingCommand
{
    /// <summary>No command (a parameter action).</summary>
    None,
    /// <summary><c>transport/play</c>.</summary>
    Play,
    /// <summary><c>transport/stop</c>.</summary>
    Stop,
    /// <summary><c>transport/rewind</c>: the playhead back by the shuttle step.</summary>
    Rewind,
    /// <summary><c>transport/forward</c>: the playhead forward by the shuttle step.</summary>
    Forward,
    /// <summary><c>bank/next</c>.</summary>
    BankNext,
    /// <summary><c>bank/previous</c>.</summary>
    BankPrevious,
    /// <summary><c>channel/next</c>: the window one strip right.</summary>
    ChannelNext,
    /// <summary><c>channel/previous</c>.</summary>
    ChannelPrevious,
    /// <summary><c>strip/N/select</c>: toggles the strip in the selection.</summary>
    Select,
    /// <summary><c>automation/read|write|touch|latch|off</c> on the selected strips (argument = the mode word).</summary>
    AutomationMode,
    /// <summary><c>automation/trim</c>: toggles the trim variant of the selected strips' modes.</summary>
    AutomationTrim,
    /// <summary><c>attention/eq</c>: the attention encoders follow the selected strip's EQ.</summary>
    AttentionEq,
    /// <summary><c>attention/dynamics</c>: the attention encoders follow the selected strip's dynamics.</summary>
    AttentionDynamics,
    /// <summary><c>attention/next</c>: the next attention page (wraps).</summary>
    AttentionNext,
    /// <summary><c>attention/previous</c>.</summary>
    AttentionPrevious,
    /// <summary><c>softkey/N</c>: runs key N of the current soft-key page.</summary>
    SoftKey,
    /// <summary><c>softkeys/next</c>: the next soft-key page (wraps).</summary>
    SoftKeysNext,
    /// <summary><c>softkeys/previous</c>.</summary>
    SoftKeysPrevious,
    /// <summary><c>layout:NAME</c>: shows the session layout NAME.</summary>
    Layout,
    /// <summary><c>layout/next</c>.</summary>
    LayoutNext,
    /// <summary><c>layout/previous</c>.</summary>
    LayoutPrevious,
    /// <summary><c>layout/all</c>: every strip in catalog order.</summary>
    LayoutAll,
    /// <summary><c>spill/strip/N</c>: shows the members of the VCA or bus in slot N.</summary>
    SpillStrip,
    /// <summary><c>spill/selected</c>: shows the members of the attention strip.</summary>
    SpillSelected,
    /// <summary><c>spill/back</c>: back to the layout and bank shown before the spill.</summary>
    SpillBack,
}

/// <summary>
/// A parsed <c>target</c> or <c>command</c> of a profile control (docs/surfaces.md, Targets and Commands). Parsing
/// checks the grammar only; addresses are resolved against the running session by the surface. Immutable; any thread.
/// </summary>
/// <param name="Kind">What kind of action.</param>
/// <param name="Text">The text as written in the profile.</param>
/// <param name="Slot">1-based strip or encoder slot or soft key, 0 when none.</param>
/// <param name="Parameter">The address (Parameter) or strip-relative parameter (<c>fader</c>, <c>eq/1/gain</c>), or null.</param>
/// <param name="Command">The command, for <see cref="MappingActionKind.Command"/>.</param>
/// <param name="Argument">The command's word (automation mode, layout name), or null.</param>
public sealed record MappingAction(MappingActionKind Kind, string Text, int Slot = 0, string? Parameter = null, MappingCommand Command = MappingCommand.None, string? Argument = null)
{
    private static readonly Dictionary<string, MappingCommand> Fixed = new(StringComparer.Ordinal)
    {
        ["transport/play"] = MappingCommand.Play, ["transport/stop"] = MappingCommand.Stop,
        ["transport/rewind"] = MappingCommand.Rewind, ["transport/forward"] = MappingCommand.Forward,
        ["bank/next"] = MappingCommand.BankNext, ["bank/previous"] = MappingCommand.BankPrevious,
        ["channel/next"] = MappingCommand.ChannelNext, ["channel/previous"] = MappingCommand.ChannelPrevious,
        ["automation/trim"] = MappingCommand.AutomationTrim,
        ["attention/eq"] = MappingCommand.AttentionEq, ["attention/dynamics"] = MappingCommand.AttentionDynamics,
        ["attention/next"] = MappingCommand.AttentionNext, ["attention/previous"] = MappingCommand.AttentionPrevious,
        ["softkeys/next"] = MappingCommand.SoftKeysNext, ["softkeys/previous"] = MappingCommand.SoftKeysPrevious,
        ["layout/next"] = MappingCommand.LayoutNext, ["layout/previous"] = MappingCommand.LayoutPrevious, ["layout/all"] = MappingCommand.LayoutAll,
        ["spill/selected"] = MappingCommand.SpillSelected, ["spill/back"] = MappingCommand.SpillBack,
    };

    /// <summary>The automation mode words of <c>automation/…</c>.</summary>
    public static readonly IReadOnlyList<string> AutomationWords = ["read", "write", "touch", "latch", "off"];

    /// <summary>Every command form, for error messages and docs.</summary>
    public static string CommandForms =>
        string.Join(", ", Fixed.Keys.Concat(AutomationWords.Select(w => "automation/" + w)).Concat(["strip/N/select", "softkey/N", "layout:NAME", "spill/strip/N"]));

    /// <summary>Parses a <c>target</c>; false with <paramref name="error"/> saying what was expected.</summary>
    public static bool TryParseTarget(string text, out MappingAction action, out string error)
    {
        action = new MappingAction(MappingActionKind.Parameter, text, Parameter: text);
        error = "";
        string[] s = text.Split('/');
        if (s is ["strip", var n, _, ..])
        {
            if (!TrySlot(n, out int slot, out error)) return false;
            action = new MappingAction(MappingActionKind.StripParameter, text, slot, string.Join('/', s[2..]));
            return true;
        }
        if (s is ["selected", _, ..])
        {
            action = new MappingAction(MappingActionKind.SelectedParameter, text, Parameter: string.Join('/', s[1..]));
            return true;
        }
        if (s[0] == "attention")
        {
            if (s.Length != 2 || !TrySlot(s[1], out int slot, out error))
            {
                error = error.Length > 0 ? error : $"'{text}' is not an attention slot; expected attention/N with N from 1";
                return false;
            }
            action = new MappingAction(MappingActionKind.Attention, text, slot);
            return true;
        }
        if (s.Length >= 3 && s[0] is "track" or "bus" or "vca" && s.All(p => p.Length > 0)) return true;
        error = $"'{text}' is not a target; expected a parameter address (track/NAME/fader, bus/NAME/eq/1/gain), strip/N/PARAMETER, selected/PARAMETER or attention/N";
        return false;
    }

    /// <summary>Parses a <c>command</c>; false with <paramref name="error"/> listing the command forms.</summary>
    public static bool TryParseCommand(string text, out MappingAction action, out string error)
    {
        action = new MappingAction(MappingActionKind.Command, text);
        error = "";
        string[] s = text.Split('/');
        if (Fixed.TryGetValue(text, out var command)) action = action with { Command = command };
        else if (s is ["automation", var word] && AutomationWords.Contains(word)) action = action with { Command = MappingCommand.AutomationMode, Argument = word };
        else if (s is ["strip", var n, "select"] && TrySlot(n, out int slot, out error)) action = action with { Command = MappingCommand.Select, Slot = slot };
        else if (s is ["softkey", var k] && TrySlot(k, out slot, out error)) action = action with { Command = MappingCommand.SoftKey, Slot = slot };
        else if (s is ["spill", "strip", var m] && TrySlot(m, out slot, out error)) action = action with { Command = MappingCommand.SpillStrip, Slot = slot };
        else if (text.StartsWith("layout:", StringComparison.Ordinal) && text.Length > 7) action = action with { Command = MappingCommand.Layout, Argument = text[7..] };
        else
        {
            error = error.Length > 0 ? error : $"'{text}' is not a command; expected one of {CommandForms}";
            return false;
        }
        return true;
    }

    private static bool TrySlot(string text, out int slot, out string error)
    {
        error = "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out slot) && slot is >= 1 and <= 128) return true;
        error = $"'{text}' is not a slot number; expected 1 … 128";
        return false;
    }
}
