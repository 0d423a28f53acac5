using System.Globalization;
using System.Text;
using System.Xml;

namespace MixEngine.Files;

/// <summary>
/// Builds the iXML chunk body of a print (formats.md §4.2): PROJECT, SPEED (timecode rate and flag, file sample rate,
/// bit depth, the timestamp equal to bext TimeReference) and TRACK_LIST naming each channel by its layout label.
/// UTF-8 without BOM, padded with a trailing newline to an even length. Control side.
/// </summary>
internal static class IxmlDocument
{
    /// <summary>The iXML bytes for a file holding <paramref name="speakers"/>, the first being layout channel <paramref name="firstChannel"/>.</summary>
    public static byte[] Build(PrintFileOptions options, IReadOnlyList<Speaker> speakers, int firstChannel)
    {
        var metadata = options.Metadata;
        var invariant = CultureInfo.InvariantCulture;
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("BWFXML");
            xml.WriteElementString("IXML_VERSION", "2.10");
            xml.WriteElementString("PROJECT", metadata.Project);
            xml.WriteStartElement("SPEED");
            xml.WriteElementString("TIMECODE_RATE", $"{metadata.TimecodeNumerator.ToString(invariant)}/{metadata.TimecodeDenominator.ToString(invariant)}");
            xml.WriteElementString("TIMECODE_FLAG", metadata.DropFrame ? "DF" : "NDF");
            xml.WriteElementString("FILE_SAMPLE_RATE", options.SampleRate.ToString(invariant));
            xml.WriteElementString("AUDIO_BIT_DEPTH", WaveFormatCodes.BitsOf(options.Format).ToString(invariant));
            xml.WriteElementString("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", ((ulong)metadata.TimeReference >> 32).ToString(invariant));
            xml.WriteElementString("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", ((ulong)metadata.TimeReference & 0xFFFFFFFF).ToString(invariant));
            xml.WriteElementString("TIMESTAMP_SAMPLE_RATE", options.SampleRate.ToString(invariant));
            xml.WriteEndElement();
            xml.WriteStartElement("TRACK_LIST");
            xml.WriteElementString("TRACK_COUNT", speakers.Count.ToString(invariant));
            for (int i = 0; i < speakers.Count; i++)
            {
                xml.WriteStartElement("TRACK");
                xml.WriteElementString("CHANNEL_INDEX", (firstChannel + i + 1).ToString(invariant));
                xml.WriteElementString("INTERLEAVE_INDEX", (i + 1).ToString(invariant));
                xml.WriteElementString("NAME", speakers[i].Label);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        stream.WriteByte((byte)'\n');
        if ((stream.Length & 1) != 0) stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
