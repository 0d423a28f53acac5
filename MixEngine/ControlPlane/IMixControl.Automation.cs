using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>Automation modes (docs/automation.md, Modes): per strip and per parameter, published to every client.</summary>
public partial interface IMixControl
{
    /// <summary>
    /// Sets the automation mode of every parameter of a strip (<c>track/DX 1</c>, <c>track#dx1</c>, <c>bus/FX</c>,
    /// <c>vca/Dialog</c>) that has no mode of its own; published to every feedback subscriber. Throws
    /// <see cref="ParameterAddressException"/> naming an unknown strip and <see cref="ArgumentException"/> for a mode that
    /// is not allowed (<c>off</c> has no trim variant). Any control thread.
    /// </summary>
    void SetAutomationMode(ControlClientId client, string strip, AutomationModeSetting mode);

    /// <summary>
    /// Gives one parameter its own automation mode (null: it follows its strip again); published to every feedback
    /// subscriber. Throws <see cref="ArgumentException"/> naming the address when the parameter cannot be automated or the
    /// mode is a trim variant on a parameter that is not gain-type (only faders and send levels take trim). Any control thread.
    /// </summary>
    void SetAutomationMode(ControlClientId client, ParameterHandle parameter, AutomationModeSetting? mode);

    /// <summary>
    /// Touches a control and sets it to <paramref name="value"/> (read per <paramref name="mode"/> as
    /// <see cref="SetParameter(ControlClientId, ParameterHandle, double, ValueMode)"/> does), for surfaces that know where
    /// the control stands when it is touched: in a live pass the touch writes from that value instead of from the curve
    /// as it plays (<see cref="BeginTouch(ControlClientId, ParameterHandle)"/>). Returns the value set. Any control thread.
    /// </summary>
    double BeginTouch(ControlClientId client, ParameterHandle parameter, double value, ValueMode mode = ValueMode.Absolute);

    /// <summary>The mode of a strip (Read when none was set); throws <see cref="ParameterAddressException"/> naming an unknown strip. Any control thread.</summary>
    AutomationModeSetting GetAutomationMode(string strip);

    /// <summary>The mode in force for a parameter: its own, else its strip's, else Read. Any control thread.</summary>
    AutomationModeSetting GetAutomationMode(ParameterHandle parameter);

    /// <summary>The parameter's own mode, or null when it follows its strip. Any control thread.</summary>
    AutomationModeSetting? GetOwnAutomationMode(ParameterHandle parameter);
}
