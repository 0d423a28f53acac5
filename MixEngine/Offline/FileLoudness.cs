using MixEngine.Dsp.Loudness;

namespace MixEngine.Offline;

/// <summary>Loudness and peak measurement of one file or print (BS.1770-5 / EBU R128). −∞ values mean silence.</summary>
/// <param name="Path">The file measured.</param>
/// <param name="Layout">Layout the channel weights came from ("unknown" when every channel was weighted 1.0).</param>
/// <param name="Channels">Channel count.</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Frames">Frames measured.</param>
/// <param name="IntegratedLufs">Integrated (gated) loudness in LUFS.</param>
/// <param name="LoudnessRangeLu">Loudness range in LU (EBU Tech 3342).</param>
/// <param name="TruePeakDbtp">Highest true peak over all channels in dBTP.</param>
/// <param name="SamplePeakDbfs">Highest sample peak over all channels in dBFS.</param>
/// <param name="MaxMomentaryLufs">Highest momentary loudness in LUFS.</param>
/// <param name="MaxShortTermLufs">Highest short-term loudness in LUFS.</param>
/// <param name="Dialogue">Dialogue-stem-gated loudness, when a dialogue stem was measured alongside.</param>
public sealed record FileLoudness(
    string Path,
    string Layout,
    int Channels,
    int SampleRate,
    long Frames,
    double IntegratedLufs,
    double LoudnessRangeLu,
    double TruePeakDbtp,
    double SamplePeakDbfs,
    double MaxMomentaryLufs,
    double MaxShortTermLufs,
    DialogueGatedLoudness? Dialogue = null);
