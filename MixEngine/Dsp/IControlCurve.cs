namespace MixEngine.Dsp;

/// <summary>
/// A control value as a function of the timeline position (an automation lane as played), read by a kernel that
/// follows it at the positions it needs. <see cref="RtValueAt"/> runs on the thread that processes the kernel, at
/// positions that move forward, and never allocates, locks or throws.
/// </summary>
public interface IControlCurve
{
    /// <summary>The value at timeline sample <paramref name="position"/>, in the parameter's natural unit. Audio thread.</summary>
    double RtValueAt(long position);
}
