using MixEngine.ControlPlane;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// <c>/strip/recenable</c> of an <see cref="OscSurfaceClient"/>: arming a printed bus through the facade
/// (<see cref="IMixControl.SetRecordArm"/>) and showing every visible strip's arm, sent only when it changed. Every member
/// runs under the client's lock except <see cref="RecordArm"/>, which takes it.
/// </summary>
internal sealed partial class OscSurfaceClient
{
    /// <summary>Arms or disarms <paramref name="strip"/> for this client; throws what the facade throws (a track or an unprinted bus is refused, named).</summary>
    public void RecordArm(SurfaceStrip strip, bool armed)
    {
        _control.SetRecordArm(Id, strip.Prefix, armed);
        lock (_gate) _echo.Received(ArmKey(strip), armed ? 1 : 0); // the sender already shows it
    }

    /// <inheritdoc/>
    public void OnRecordArm(RecordArmState arms)
    {
        lock (_gate)
        {
            if ((_feedback & StripButtons) == 0) return;
            for (int ssid = 1; ssid <= Bank.Visible; ssid++) SendRecordArm(ssid, _strips[_accepted[Bank.StripAt(ssid)]], arms);
        }
    }

    /// <summary><c>/strip/recenable ssid 1|0</c> when it differs from what the client was last sent.</summary>
    private void SendRecordArm(int ssid, SurfaceStrip strip, RecordArmState arms)
    {
        double armed = arms.IsArmed(strip.Prefix) ? 1 : 0;
        if (_echo.ShouldSend(ArmKey(strip), -1, armed)) SendStrip("/strip/recenable", ssid, (float)armed);
    }

    // Negative keys stay clear of the parameter keys (slot × 8 + representation, never negative).
    private static int ArmKey(SurfaceStrip strip) => -1 - strip.Fader.Slot;
}
