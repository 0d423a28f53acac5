using MixEngine.Dsp.Loudness;
using MixEngine.Offline.Delivery;

namespace MixEngine.Offline;

/// <summary>One print's loudness for the HTML report: its figures, its graph data and, with a spec, its compliance.</summary>
public sealed record PrintLoudness(FileLoudness Figures, LoudnessTimeline Timeline, ComplianceReport? Compliance);
