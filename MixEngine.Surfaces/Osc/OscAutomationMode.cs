using MixEngine.Automation;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Automation modes on the wire. Ardour's OSC numbers a control's mode 0 Manual, 1 Play, 2 Write, 3 Touch, 4 Latch and
/// names it "Manual" … "Latch" (checked against Ardour's libs/surfaces/osc/osc.cc, OSC::set_automation, and
/// osc_route_observer.cc, OSCRouteObserver::send_automation); MixEngine's own modes map onto them (off = Manual, read = Play) and the ones Ardour lacks
/// are shown by their nearest number (touchLatch as 3, trim variants as their base mode) with a name that tells them
/// apart ("Touch Latch", "Touch Trim"). The <c>/mixengine</c> namespace uses the session file's names (<c>touchLatch</c>,
/// <c>writeTrim</c>). Pure; any thread.
/// </summary>
public static class OscAutomationMode
{
    private static readonly string[] ArdourNames = ["Manual", "Play", "Write", "Touch", "Latch"];
    private static readonly AutomationMode[] ArdourModes = [AutomationMode.Off, AutomationMode.Read, AutomationMode.Write, AutomationMode.Touch, AutomationMode.Latch];

    /// <summary>Reads argument <paramref name="index"/> of <paramref name="m"/> as a mode: an Ardour number 0 … 4, an Ardour name or a session-file name; throws <see cref="OscCommandException"/> naming the address otherwise.</summary>
    public static AutomationModeSetting Parse(OscMessage m, int index)
    {
        if (index >= m.Arguments.Count)
            throw new OscCommandException(m.Address, $"argument {index + 1} is missing; expected {Expected}");
        var argument = m.Arguments[index];
        if (argument.Tag == 's')
        {
            string text = argument.AsString;
            if (AutomationModeSetting.TryParse(text, out var named)) return named;
            int ardour = Array.FindIndex(ArdourNames, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (ardour >= 0) return new AutomationModeSetting(ArdourModes[ardour]);
            throw new OscCommandException(m.Address, $"'{text}' is not an automation mode; expected {Expected}");
        }
        if (argument.AsNumber is { } number && number == Math.Round(number) && number is >= 0 and <= 4)
            return new AutomationModeSetting(ArdourModes[(int)number]);
        throw new OscCommandException(m.Address, $"argument {index + 1} ({argument}) is not an automation mode; expected {Expected}");
    }

    /// <summary>Ardour's number for a mode (0 Manual, 1 Play, 2 Write, 3 Touch, 4 Latch; touchLatch shows as 3).</summary>
    public static int ArdourNumber(AutomationModeSetting mode) => mode.Mode switch
    {
        AutomationMode.Off => 0,
        AutomationMode.Read => 1,
        AutomationMode.Write => 2,
        AutomationMode.Latch => 4,
        _ => 3,
    };

    /// <summary>The name shown beside Ardour's number ("Play", "Touch Latch", "Write Trim").</summary>
    public static string ArdourName(AutomationModeSetting mode)
    {
        string name = mode.Mode == AutomationMode.TouchLatch ? "Touch Latch" : ArdourNames[ArdourNumber(mode)];
        return mode.Trim && mode.Mode != AutomationMode.Off ? name + " Trim" : name;
    }

    /// <summary>A number per distinct mode (its index in <see cref="AutomationModeSetting.Names"/>), for last-sent caches.</summary>
    public static int Key(AutomationModeSetting mode) => ((IList<string>)AutomationModeSetting.Names).IndexOf(mode.ToString());

    private static string Expected =>
        $"an Ardour mode number 0 … 4 (Manual, Play, Write, Touch, Latch), or a name: {string.Join(", ", AutomationModeSetting.Names)}";
}
