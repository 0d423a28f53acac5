using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MixEngine.Protocol.V1;
using MixEngine.Session;

namespace MixEngine.Tests.Protocol;

public class SessionApiTests
{
    [Fact]
    public void Get_with_a_field_mask_returns_only_the_named_fields_and_an_unknown_one_is_named()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var doc = session.GetSession(new GetSessionRequest { FieldMask = new FieldMask { Paths = { "name", "buses" } } });
        var json = JsonNode.Parse(doc.Json)!.AsObject();
        Assert.Equal(["name", "buses"], json.Select(p => p.Key));
        Assert.Equal("CLI sine", (string?)json["name"]);
        var e = Assert.Throws<RpcException>(() => session.GetSession(new GetSessionRequest { FieldMask = new FieldMask { Paths = { "name", "colour" } } }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("field_mask.paths[1]: 'colour'", e.Status.Detail);
    }

    [Fact]
    public void Save_writes_the_live_parameter_values_and_load_reads_them_back()
    {
        using var f = new GrpcFixture();
        var channel = f.Channel();
        var session = new SessionService.SessionServiceClient(channel);
        var mixer = new MixerService.MixerServiceClient(channel);
        mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -11, Mode = ValueMode.Absolute });
        var saved = session.SaveSession(new SaveSessionRequest { Path = "saved.json" });
        Assert.Equal(Path.Combine(f.Folder.Directory, "saved.json"), saved.Path);
        Assert.Equal(-11, SessionReader.Load(saved.Path).Tracks[0].Strip.FaderDb, 12);
        mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = 0, Mode = ValueMode.Absolute });
        var loaded = session.LoadSession(new LoadSessionRequest { Path = "saved.json" });
        Assert.Equal(2, loaded.Revision);
        Assert.Equal(-11, mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } }).Values[0].Value, 12);
    }

    [Fact]
    public void An_edit_adds_a_track_and_undo_and_redo_take_it_back_and_restore_it()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel());
        var mixer = new MixerService.MixerServiceClient(f.Channel());
        var doc = JsonNode.Parse(session.GetSession(new GetSessionRequest()).Json)!.AsObject();
        var copy = doc["tracks"]![0]!.DeepClone().AsObject();
        copy["id"] = "dx2";
        copy["name"] = "DX 2";
        doc["tracks"]!.AsArray().Add(copy);
        var edited = session.EditSession(new EditSessionRequest { Json = doc.ToJsonString(), BaseRevision = 1 });
        Assert.Equal((2L, 1, 0), (edited.Revision, edited.UndoDepth, edited.RedoDepth));
        Assert.Contains(mixer.ListParameters(new ListParametersRequest()).Parameters, p => p.Address == "track/DX 2/fader");
        var undone = session.Undo(new UndoRequest());
        Assert.Equal((3L, 0, 1), (undone.Revision, undone.UndoDepth, undone.RedoDepth));
        Assert.DoesNotContain(mixer.ListParameters(new ListParametersRequest()).Parameters, p => p.Address == "track/DX 2/fader");
        session.Redo(new RedoRequest());
        Assert.Contains(mixer.ListParameters(new ListParametersRequest()).Parameters, p => p.Address == "track/DX 2/fader");
    }

    [Fact]
    public void A_stale_edit_and_an_empty_undo_are_failed_precondition()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel());
        var json = session.GetSession(new GetSessionRequest()).Json;
        Assert.Equal(StatusCode.FailedPrecondition, Assert.Throws<RpcException>(() => session.Undo(new UndoRequest())).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, Assert.Throws<RpcException>(() => session.Redo(new RedoRequest())).StatusCode);
        session.EditSession(new EditSessionRequest { Json = json, BaseRevision = 1 });
        var e = Assert.Throws<RpcException>(() => session.EditSession(new EditSessionRequest { Json = json, BaseRevision = 1 }));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("base_revision 1 is stale", e.Status.Detail);
    }

    [Fact]
    public void An_invalid_edit_is_invalid_argument_naming_the_json_path_and_changes_nothing()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel());
        var json = session.GetSession(new GetSessionRequest()).Json.Replace("\"sampleRate\": 48000", "\"sampleRate\": 12345");
        var e = Assert.Throws<RpcException>(() => session.EditSession(new EditSessionRequest { Json = json }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("sampleRate", e.Status.Detail);
        Assert.Equal(1, session.GetSession(new GetSessionRequest()).Revision);
    }

    [Fact]
    public void Loading_a_missing_file_is_not_found_naming_it()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel());
        var e = Assert.Throws<RpcException>(() => session.LoadSession(new LoadSessionRequest { Path = "nope.json" }));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("nope.json", e.Status.Detail);
    }
}
