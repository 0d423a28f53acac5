using System.Globalization;
using System.Text;
using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// Derives what each print file carries: layout, rate, format, dither with a seed derived from the output file name
/// (so a print's dither, and therefore its bits, never depend on anything but the session and the name), and the BWF
/// metadata (description naming session and print, originator "MixEngine", TimeReference = the session start in
/// samples since midnight + the range start, the timecode rate, and a coding-history line). Control side.
/// </summary>
public static class PrintMetadata
{
    /// <summary>The bext Originator of every print.</summary>
    public const string Originator = "MixEngine";

    /// <summary>Builds the writer options of <paramref name="output"/> for a render of <paramref name="request"/>; control side.</summary>
    public static PrintFileOptions For(MixSession session, PrintOutput output, Bus bus, RenderRequest request, DateTime origination)
    {
        var layout = bus.Format;
        var rate = session.TimecodeRate;
        var metadata = new BwfMetadata(
            Description: $"{session.Name}: {bus.Name} print {output.File} ({layout.Name})",
            Originator: Originator,
            OriginatorReference: "",
            Origination: origination,
            TimeReference: session.StartSamplesSinceMidnight + request.RangeStart,
            CodingHistory: CodingHistory(session.SampleRate, output.Format, output.Layout == PrintLayout.MultiMono ? 1 : layout.ChannelCount),
            TimecodeNumerator: rate.Numerator,
            TimecodeDenominator: rate.Denominator,
            DropFrame: rate.DropFrame,
            Project: session.Name);
        return new PrintFileOptions(layout, session.SampleRate, output.Format, output.Dither, DitherSeed(output.File), metadata);
    }

    /// <summary>The coding-history line "A=PCM,F=rate,W=bits,M=mono|stereo|multichannel,T=MixEngine" with its CR LF; any thread.</summary>
    public static string CodingHistory(int sampleRate, SampleFormat format, int channelsPerFile)
    {
        int bits = format switch
        {
            SampleFormat.Int16 => 16,
            SampleFormat.Int24 => 24,
            SampleFormat.Float64 => 64,
            _ => 32,
        };
        string mode = channelsPerFile switch { 1 => "mono", 2 => "stereo", _ => "multichannel" };
        return string.Create(CultureInfo.InvariantCulture, $"A=PCM,F={sampleRate},W={bits},M={mode},T={Originator}\r\n");
    }

    /// <summary>A 64-bit FNV-1a hash of the output file name as written in the session: the print's dither seed; any thread.</summary>
    public static ulong DitherSeed(string fileName)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(fileName))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
