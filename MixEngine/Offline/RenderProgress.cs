namespace MixEngine.Offline;

/// <summary>A progress report from a running render, posted from the render driver thread about ten times a second. Immutable value.</summary>
/// <param name="Fraction">Share of the range rendered, 0 … 1.</param>
/// <param name="FramesDone">Frames rendered so far.</param>
/// <param name="FramesTotal">Frames in the range.</param>
/// <param name="Speed">Rendered audio duration divided by elapsed wall time (a multiple of real time).</param>
/// <param name="Elapsed">Wall time since the render started.</param>
public readonly record struct RenderProgress(double Fraction, long FramesDone, long FramesTotal, double Speed, TimeSpan Elapsed);
