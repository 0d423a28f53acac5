using System.Runtime.CompilerServices;
using MixEngine.Files;

namespace MixEngine.Dsp;

/// <summary>
/// The box panner (ADM allocentric style) of mono and stereo sources into one destination layout: each source channel
/// is placed on the destination's <see cref="SpeakerGrid"/> (point or spread by divergence), a stereo destination
/// applies the <see cref="PanLaw"/>, and the LFE feed receives only the LFE send, never a pan share.
/// <para>
/// A stereo source's channels sit either side of the position: left at (x − w·cos θ, y + w·sin θ), right at
/// (x + w·cos θ, y − w·sin θ), w the width and θ the rotation (clockwise seen from above), each clamped to the room.
/// </para>
/// <para>Thread rules: construction is control side; the panner is immutable, and <see cref="RtSourceGains"/> may run
/// on any thread at once (its scratch is on the stack); it never allocates, locks or throws for valid spans.</para>
/// </summary>
public sealed class BoxPanner
{
    private const int MaxChannels = 32;
    private readonly SpeakerGrid _grid;
    private readonly bool _stereoDestination;

    /// <summary>Prepares the panner for <paramref name="destination"/>; control side.</summary>
    public BoxPanner(ChannelLayout destination)
    {
        if (destination.ChannelCount > MaxChannels)
            throw new ArgumentException($"layout {destination.Name} has more than {MaxChannels} channels", nameof(destination));
        Destination = destination;
        _grid = SpeakerGrid.For(destination);
        _stereoDestination = destination.ChannelCount == 2 && destination.LfeIndex < 0;
    }

    /// <summary>The layout panned into.</summary>
    public ChannelLayout Destination { get; }

    /// <summary>
    /// Writes the gains of a point source at (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) into
    /// <paramref name="gains"/> (one per channel of <paramref name="layout"/>; the LFE entry 0). Control side.
    /// </summary>
    public static void PointGains(ChannelLayout layout, double x, double y, double z, Span<double> gains)
    {
        if (gains.Length != layout.ChannelCount)
            throw new ArgumentException($"expected {layout.ChannelCount} gains for layout {layout.Name}, got {gains.Length}", nameof(gains));
        SpeakerGrid.For(layout).RtGains(x, y, z, 0.0, true, gains);
    }

    /// <summary>
    /// The gain matrix [destinationChannel][sourceChannel] that pans a mono or stereo <paramref name="source"/> into
    /// <paramref name="destination"/> with <paramref name="pan"/>; the LFE row holds the LFE send. Control side.
    /// </summary>
    public static double[][] SourceMatrix(ChannelLayout source, ChannelLayout destination, in PanControls pan)
    {
        int sourceChannels = source.ChannelCount;
        if (sourceChannels is not (1 or 2))
            throw new ArgumentException($"the box panner places mono and stereo sources; layout {source.Name} has {sourceChannels} channels", nameof(source));
        var gains = new double[destination.ChannelCount * sourceChannels];
        new BoxPanner(destination).RtSourceGains(pan, sourceChannels, gains);
        var matrix = new double[destination.ChannelCount][];
        for (int d = 0; d < matrix.Length; d++) matrix[d] = gains.AsSpan(d * sourceChannels, sourceChannels).ToArray();
        return matrix;
    }

    /// <summary>
    /// Writes the gains of a source of <paramref name="sourceChannels"/> (1 or 2) channels into
    /// <paramref name="gains"/>, destination-major: gains[d × sourceChannels + s]. Rt; any thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled for this machine at first call: see PanWeights
    public void RtSourceGains(in PanControls pan, int sourceChannels, Span<double> gains)
    {
        int channels = Destination.ChannelCount;
        if (sourceChannels == 1 && !_stereoDestination)
        {
            // A mono source into a layout without a pan law: the grid's gains are the source's gains.
            _grid.RtGains(pan.X, pan.Y, pan.Z, pan.Divergence, pan.Height, gains[..channels]);
            if (Destination.LfeIndex >= 0) gains[Destination.LfeIndex] = Decibels.ToGain(pan.LfeDb);
            return;
        }
        Span<double> point = stackalloc double[MaxChannels];
        point = point[..channels];
        // A mono source has no width to rotate: its rotation's sine and cosine are not taken.
        var (sin, cos) = sourceChannels == 2 ? Math.SinCos(pan.RotationDegrees * (Math.PI / 180.0)) : (0.0, 1.0);
        double exponent = _stereoDestination ? pan.Law.Exponent() : 1.0;
        for (int s = 0; s < sourceChannels; s++)
        {
            double x = pan.X, y = pan.Y;
            if (sourceChannels == 2)
            {
                double side = s == 0 ? -pan.Width : pan.Width;
                x = Math.Clamp(x + side * cos, -1.0, 1.0);
                y = Math.Clamp(y - side * sin, -1.0, 1.0);
            }
            _grid.RtGains(x, y, pan.Z, pan.Divergence, pan.Height, point);
            for (int d = 0; d < channels; d++)
            {
                double g = point[d];
                gains[d * sourceChannels + s] = exponent == 1.0 || g == 0.0 ? g : Math.Pow(g, exponent);
            }
        }
        if (Destination.LfeIndex >= 0)
        {
            double lfe = Decibels.ToGain(pan.LfeDb);
            for (int s = 0; s < sourceChannels; s++) gains[Destination.LfeIndex * sourceChannels + s] = lfe;
        }
    }
}
