using System.Text.Json.Serialization;

namespace MixEngine.Offline;

/// <summary>
/// Compile-time JSON metadata of <see cref="RenderReport"/> and everything it contains: the report is written without
/// reflection or runtime-emitted accessors, which cost a render about 0.3 s of CPU on one thread after its last block.
/// The naming, indentation and enum options stay <see cref="RenderReport"/>'s own; any thread.
/// </summary>
[JsonSerializable(typeof(RenderReport))]
internal sealed partial class RenderReportJson : JsonSerializerContext;
