using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// The automation pass commands of the <c>/mixengine</c> namespace (docs/osc.md, Automation pass commands): Preview,
/// Suspend, Punch Preview, Capture, Punch Capture, Write-To and undo/redo of live passes, each one call of
/// <see cref="ControlPlane.IMixControl"/> (automation.md 2.5 rules 10 and 11). Buttons act on press (no argument or 1)
/// and ignore the release (0); Preview and Suspend take the state (1 on, 0 off). Runs on the receiving thread, like the
/// rest of <see cref="OscSurface"/>.
/// </summary>
public sealed partial class OscSurface
{
    /// <summary>Prefix of Write-To commands (<c>…/write_to/end</c>).</summary>
    private const string WriteToPrefix = OscAddresses.Automation + "write_to/";

    /// <summary>Handles <paramref name="m"/> when it is a pass command; false when it is a strip's or parameter's mode address.</summary>
    private bool PassCommand(OscMessage m, OscSurfaceClient client)
    {
        string name = m.Address[OscAddresses.Automation.Length..];
        switch (name)
        {
            case "preview":
                _control.SetPreview(client.Id, Number(m, 0, "1 (Preview on) or 0 (off)") >= 0.5);
                return true;
            case "suspend":
                _control.SuspendPreview(client.Id, Number(m, 0, "1 (suspend the audition) or 0 (resume)") >= 0.5);
                return true;
            case "punch_preview":
                if (Pressed(m)) _control.PunchPreview(client.Id);
                return true;
            case "capture":
                if (Pressed(m)) _control.Capture(client.Id);
                return true;
            case "punch_capture" or "punch_capture_all":
                PunchCapture(m, client, all: name == "punch_capture_all");
                return true;
            case "undo" or "redo":
                if (!Pressed(m)) return true;
                bool undo = name == "undo";
                if (!(undo ? _control.UndoAutomationPass(client.Id) : _control.RedoAutomationPass(client.Id)))
                    throw new OscCommandException(m.Address, undo
                        ? "no automation pass to undo (none written, a pass is running, or the engine writes no live passes)"
                        : "no undone automation pass to redo (a new pass clears them), or a pass is running");
                return true;
        }
        if (!m.Address.StartsWith(WriteToPrefix, StringComparison.Ordinal)) return false;
        WriteTo(m, client, m.Address[WriteToPrefix.Length..]);
        return true;
    }

    /// <summary><c>…/punch_capture[_all] [s:strip …]</c>: strings name the strips it is limited to; a numeric argument is a button's state.</summary>
    private void PunchCapture(OscMessage m, OscSurfaceClient client, bool all)
    {
        var strips = new List<string>();
        foreach (var argument in m.Arguments)
        {
            if (argument.Tag == 's') strips.Add(argument.AsString);
            else if (argument.AsNumber is { } pressed && pressed < 0.5) return; // a button's release
        }
        try
        {
            _control.PunchCapture(client.Id, all, strips.Count == 0 ? null : strips);
        }
        catch (ParameterAddressException e)
        {
            throw new OscCommandException(m.Address, e.Message);
        }
    }

    /// <summary>
    /// <c>…/write_to/&lt;target&gt; [start end]</c>: target start, end, all, punch_point or next_breakpoint; with two
    /// arguments (samples or timecode) the selection, with none or one (a button's state) the whole session.
    /// </summary>
    private void WriteTo(OscMessage m, OscSurfaceClient client, string target)
    {
        WriteTarget t = target switch
        {
            "start" => WriteTarget.Start,
            "end" => WriteTarget.End,
            "all" => WriteTarget.All,
            "punch_point" => WriteTarget.PunchPoint,
            "next_breakpoint" => WriteTarget.NextBreakpoint,
            _ => throw new OscCommandException(m.Address, $"unknown Write-To target '{target}'; expected start, end, all, punch_point or next_breakpoint"),
        };
        switch (m.Arguments.Count)
        {
            case 0 or 1:
                if (Pressed(m)) _control.WriteAutomationTo(client.Id, t);
                break;
            case 2:
                long start = Position(m, 0, "selection start"), end = Position(m, 1, "selection end");
                try
                {
                    _control.WriteAutomationTo(client.Id, t, start, end);
                }
                catch (ArgumentException e)
                {
                    throw new OscCommandException(m.Address, e.Message);
                }
                break;
            default:
                throw new OscCommandException(m.Address, $"{m.Arguments.Count} arguments; expected none (the session), or a selection start and end (samples or HH:MM:SS:FF)");
        }
    }
}
