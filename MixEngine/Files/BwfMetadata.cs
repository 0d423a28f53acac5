namespace MixEngine.Files;

/// <summary>
/// The descriptive metadata written into every print's bext and iXML chunks (formats.md §4). Immutable; any thread.
/// </summary>
/// <param name="Description">bext Description (ASCII, at most 256 characters are kept).</param>
/// <param name="Originator">bext Originator (ASCII, 32 characters kept), e.g. the engine name.</param>
/// <param name="OriginatorReference">bext OriginatorReference (ASCII, 32 characters kept).</param>
/// <param name="Origination">Origination date and time written as yyyy-mm-dd and hh:mm:ss.</param>
/// <param name="TimeReference">First sample of the file in samples since midnight at the file's rate (bext and iXML).</param>
/// <param name="CodingHistory">bext CodingHistory lines (ASCII, each ending CR LF), may be empty.</param>
/// <param name="TimecodeNumerator">Timecode frame rate numerator for iXML TIMECODE_RATE (24000 for 23.976).</param>
/// <param name="TimecodeDenominator">Timecode frame rate denominator (1001 for 23.976, 1 for integer rates).</param>
/// <param name="DropFrame">True for drop-frame timecode (iXML TIMECODE_FLAG DF, otherwise NDF).</param>
/// <param name="Project">iXML PROJECT (the session name).</param>
public sealed record BwfMetadata(
    string Description,
    string Originator,
    string OriginatorReference,
    DateTime Origination,
    long TimeReference,
    string CodingHistory,
    int TimecodeNumerator,
    int TimecodeDenominator,
    bool DropFrame,
    string Project);
