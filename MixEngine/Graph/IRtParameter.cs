namespace MixEngine.Graph;

/// <summary>
/// One live parameter of a built plan (a strip's fader, an EQ band's gain, a compressor's threshold): the realtime
/// driver, after draining a command for the parameter's address, or an automation cursor sets its value between
/// blocks. The node that owns it smooths the change inside its kernel (no clicks). Setting a value never allocates,
/// locks or throws; a value outside the parameter's range is clamped by the owner.
/// </summary>
public interface IRtParameter
{
    /// <summary>Sets the parameter's target value in its natural unit (dB, Hz, ratio, ms, 0/1). Audio thread.</summary>
    void RtSet(double value);
}
