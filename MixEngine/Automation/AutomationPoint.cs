namespace MixEngine.Automation;

/// <summary>
/// One breakpoint of an automation curve: a timeline position in samples, the value there in the parameter's natural
/// unit (dB, position, 0/1; −∞ allowed for levels), and the shape of the segment that starts here. Immutable; any thread.
/// </summary>
/// <param name="Position">Timeline samples from the session start.</param>
/// <param name="Value">Value at <paramref name="Position"/>.</param>
/// <param name="Shape">Shape of the segment from this point to the next.</param>
public readonly record struct AutomationPoint(long Position, double Value, SegmentShape Shape = SegmentShape.Linear);
