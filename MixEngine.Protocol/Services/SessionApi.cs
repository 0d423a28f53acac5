using System.Text.Json.Nodes;
using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;
using MixEngine.Session;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.SessionService</c>: session-file JSON in and out, every client path confined to the media root
/// (<see cref="PathRoots"/>) before anything is read or written, changes through <see cref="SessionHistory"/>; markers
/// through <see cref="MixControl"/>'s marker calls (SessionApi.Markers.cs).
/// Request threads.
/// </summary>
public sealed partial class SessionApi(SessionHistory history, PathRoots roots, MixControl control, Callers callers) : SessionService.SessionServiceBase
{
    /// <inheritdoc/>
    public override Task<SessionDocument> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        string json = SessionWriter.ToJson(history.Live());
        if (request.FieldMask is { Paths.Count: > 0 } mask)
        {
            var whole = JsonNode.Parse(json)!.AsObject();
            var picked = new JsonObject();
            for (int i = 0; i < mask.Paths.Count; i++)
            {
                string path = mask.Paths[i];
                if (!whole.TryGetPropertyValue(path, out var node))
                    throw new ArgumentException($"field_mask.paths[{i}]: '{path}' is not a session field; expected one of {string.Join(", ", whole.Select(p => p.Key))}");
                picked[path] = node?.DeepClone();
            }
            json = picked.ToJsonString();
        }
        return Task.FromResult(Document(json));
    }

    /// <inheritdoc/>
    public override Task<SessionDocument> LoadSession(LoadSessionRequest request, ServerCallContext context)
    {
        string path = roots.Media(Required(request.Path, "path"), "path");
        if (!File.Exists(path)) throw new FileNotFoundException($"path: session file {path} does not exist");
        var session = SessionReader.Load(path, new ConfinedMediaProbe(roots));
        history.Load(session, Callers.KeyOf(context).Name);
        return Whole();
    }

    /// <inheritdoc/>
    public override Task<SaveSessionResponse> SaveSession(SaveSessionRequest request, ServerCallContext context)
    {
        string path = roots.Media(Required(request.Path, "path"), "path");
        string? folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder)) throw new DirectoryNotFoundException($"path: folder {folder} does not exist; create it first");
        SessionWriter.Save(history.Live(), path);
        return Task.FromResult(new SaveSessionResponse { Path = path, Bytes = new FileInfo(path).Length });
    }

    /// <inheritdoc/>
    public override Task<SessionDocument> EditSession(EditSessionRequest request, ServerCallContext context)
    {
        var edited = SessionReader.Parse(Required(request.Json, "json"), roots.MediaRoot, "EditSession.json", new ConfinedMediaProbe(roots));
        history.Edit(edited, request.BaseRevision, Callers.KeyOf(context).Name);
        return Whole();
    }

    /// <inheritdoc/>
    public override Task<SessionDocument> Undo(UndoRequest request, ServerCallContext context)
    {
        history.Undo(Callers.KeyOf(context).Name);
        return Whole();
    }

    /// <inheritdoc/>
    public override Task<SessionDocument> Redo(RedoRequest request, ServerCallContext context)
    {
        history.Redo(Callers.KeyOf(context).Name);
        return Whole();
    }

    private Task<SessionDocument> Whole() => Task.FromResult(Document(SessionWriter.ToJson(history.Live())));

    private SessionDocument Document(string json) => new()
    {
        Json = json,
        Revision = history.Revision,
        UndoDepth = history.UndoDepth,
        RedoDepth = history.RedoDepth,
    };

    private static string Required(string value, string field) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{field}: empty") : value;
}
