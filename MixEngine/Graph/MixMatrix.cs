using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// The gain matrix [destinationChannel][sourceChannel] from one strip's output into a bus: mono and stereo sources go
/// through the <see cref="BoxPanner"/> with the strip's pan; a multichannel source uses <see cref="ChannelConversion"/>
/// (the identity into the same format, else the defined up/down-mix). Every entry is then
/// multiplied by the send level (1 for the main output, so unity stays exact). Control side.
/// </summary>
public static class MixMatrix
{
    /// <summary>Builds the matrix; throws <see cref="InvalidOperationException"/> naming <paramref name="context"/> when no mix is defined.</summary>
    public static double[][] Create(ChannelLayout source, ChannelLayout destination, Pan pan, double level, string context)
    {
        double[][] matrix;
        if (source.ChannelCount <= 2) matrix = BoxPanner.SourceMatrix(source, destination, pan.Controls);
        else if (!ChannelConversion.TryCreate(source, destination, out matrix))
            throw new InvalidOperationException(
                $"{context}: no defined mix from {source.Name} into {destination.Name} (multichannel sources need a same-format bus or a defined up/down-mix)");
        if (level != 1.0)
        {
            foreach (var row in matrix)
                for (int s = 0; s < row.Length; s++) row[s] *= level;
        }
        return matrix;
    }
}
