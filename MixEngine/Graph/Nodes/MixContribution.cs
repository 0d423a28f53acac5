using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// What one source (a track or bus output, or one of its sends) adds into one destination bus: either a fixed matrix of
/// gains (a multichannel main output's channel conversion), stored per destination channel as its non-zero entries in
/// source channel order, or the live gains of a <see cref="PanRamp"/> (a mono or stereo source's pan, or a multichannel
/// send's conversion, × the send's live level).
/// The fixed form is immutable after the plan is built; <see cref="RtAccumulate"/> never allocates, locks or throws.
/// </summary>
public sealed class MixContribution
{
    private readonly MixTap[][] _taps;
    private readonly PanRamp? _pan;

    /// <summary>Creates the contribution from a dense matrix [destinationChannel][sourceChannel]; control side.</summary>
    public MixContribution(MixNode source, bool preFader, string description, double[][] matrix)
    {
        Source = source;
        PreFader = preFader;
        Description = description;
        Matrix = matrix;
        _taps = new MixTap[matrix.Length][];
        for (int d = 0; d < matrix.Length; d++)
        {
            var taps = new List<MixTap>();
            for (int s = 0; s < matrix[d].Length; s++)
                if (matrix[d][s] != 0.0) taps.Add(new MixTap(s, matrix[d][s]));
            _taps[d] = taps.ToArray();
        }
    }

    /// <summary>Creates a contribution whose gains follow the source strip's live pan; control side.</summary>
    public MixContribution(MixNode source, bool preFader, string description, PanRamp pan)
        : this(source, preFader, description, pan.TargetMatrix())
    {
        _pan = pan;
    }

    /// <summary>The live pan gains, or null for a fixed matrix.</summary>
    public PanRamp? Pan => _pan;

    /// <summary>The feeding node.</summary>
    public MixNode Source { get; }

    /// <summary>True when this reads the source's pre-fader tap.</summary>
    public bool PreFader { get; }

    /// <summary>What this contribution is, for diagnostics ("track dx1 → bus pm", "track dx1 send → bus verb").</summary>
    public string Description { get; }

    /// <summary>The dense gain matrix [destinationChannel][sourceChannel] (for a live pan: its gains when the plan was built).</summary>
    public double[][] Matrix { get; }

    /// <summary>The non-zero taps feeding destination channel <paramref name="destinationChannel"/> (for a live pan: when the plan was built).</summary>
    public ReadOnlySpan<MixTap> TapsInto(int destinationChannel) => _taps[destinationChannel];

    /// <summary>The latency-compensation delay this contribution reads instead of the source's buffers, or null.</summary>
    public CompensationDelay? Delay { get; private set; }

    /// <summary>True when this contribution adds nothing this block (its source, or its delayed tap, is silent, or its gains are all 0: a muted send). Rt.</summary>
    public bool RtSilent => (Delay?.RtSilent ?? Source.RtSilent) || (_pan?.RtSilent ?? false);

    /// <summary>Reads the source through <paramref name="delay"/> (latency compensation); control side, while the plan is built.</summary>
    internal void SetDelay(CompensationDelay delay) => Delay = delay;

    /// <summary>Adds this contribution's share of destination channel <paramref name="destinationChannel"/> into <paramref name="destination"/>. Rt.</summary>
    public void RtAccumulate(int destinationChannel, Span<double> destination) =>
        RtAccumulate(SourceBuffers, destinationChannel, destination);

    /// <summary>
    /// Adds this contribution's share of destination channels <paramref name="first"/> … <paramref name="end"/> − 1 into the
    /// first <paramref name="count"/> samples of <c>destinations[channel]</c>, channel by channel as
    /// <see cref="RtAccumulate(int, Span{double})"/> would. Rt.
    /// </summary>
    public void RtAccumulate(int first, int end, double[][] destinations, int count)
    {
        var buffers = SourceBuffers;
        if (_pan is not null) _pan.RtAccumulate(buffers, first, end, destinations, count);
        else
            for (int c = first; c < end; c++) RtAccumulate(buffers, c, destinations[c].AsSpan(0, count));
    }

    private double[][] SourceBuffers => Delay?.Buffers ?? (PreFader ? Source.PreFaderBuffers : Source.PostFaderBuffers);

    private void RtAccumulate(double[][] buffers, int destinationChannel, Span<double> destination)
    {
        if (_pan is not null)
        {
            _pan.RtAccumulate(buffers, destinationChannel, destination);
            return;
        }
        int count = destination.Length;
        foreach (var tap in _taps[destinationChannel])
            MixSum.RtAccumulate(buffers[tap.SourceChannel].AsSpan(0, count), destination, tap.Gain);
    }
}
