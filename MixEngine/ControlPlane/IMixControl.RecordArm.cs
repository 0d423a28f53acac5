namespace MixEngine.ControlPlane;

/// <summary>
/// Record arm. MixEngine has no inputs to record: what it records are its prints (record-print, <see cref="StartRecordPrint"/>).
/// So, as on a dubbing stage where the mixer arms the recorder's stem tracks, a strip is armable when it is a bus the session
/// prints (a stem or the printmaster), and arming it chooses what a record-print take writes: a take started while any
/// print is armed writes only the armed prints; with nothing armed it writes every print (as an offline render does).
/// Tracks and VCAs have nothing to record and are refused, naming the printed bus they feed. Arms are operating state, not
/// part of the session document; they follow a bus by id through renames, and a bus that is no longer printed shows as not armed. Every change is
/// published to feedback subscribers (<see cref="IFeedbackSubscriber.OnRecordArm"/>).
/// </summary>
public partial interface IMixControl
{
    /// <summary>Which printed buses are armed, and which could be; any control thread.</summary>
    RecordArmState RecordArm { get; }

    /// <summary>
    /// Arms or disarms a printed bus (<c>bus/DX</c>, <c>bus#dx</c>); idempotent. Throws <see cref="ArgumentException"/> naming
    /// the strip when it is a track, a VCA or a bus without a print, and <see cref="MixEngine.Session.ParameterAddressException"/>
    /// for an unknown strip. Takes effect for the next record-print take (a running take keeps its files). Any control thread.
    /// </summary>
    void SetRecordArm(ControlClientId client, string strip, bool armed);
}
