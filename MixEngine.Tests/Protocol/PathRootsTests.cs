using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class PathRootsTests
{
    public static TheoryData<string> Escapes => new()
    {
        "../outside.json",
        "media/../../outside.json",
        "..\\outside.json",
        "/etc/passwd",
        "/tmp/outside.json",
        "escape/outside.json",
    };

    /// <summary>The fixture plus a folder outside both roots, reachable through a symlink "escape" in each root.</summary>
    private sealed class Escape : IDisposable
    {
        public Escape()
        {
            Outside = Path.Combine(Path.GetTempPath(), "mixengine-outside-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Outside);
            File.WriteAllText(Path.Combine(Outside, "outside.json"), File.ReadAllText(F.Folder.SessionPath));
            Directory.CreateSymbolicLink(Path.Combine(F.Folder.Directory, "escape"), Outside);
            Directory.CreateSymbolicLink(Path.Combine(F.RenderRoot, "escape"), Outside);
        }

        public GrpcFixture F { get; } = new();

        public string Outside { get; }

        public void Dispose()
        {
            F.Dispose();
            Directory.Delete(Outside, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Loading_a_session_from_outside_the_media_root_is_permission_denied(string path)
    {
        using var escape = new Escape();
        var f = escape.F;
        var session = new SessionService.SessionServiceClient(f.Channel());
        var e = Assert.Throws<RpcException>(() => session.LoadSession(new LoadSessionRequest { Path = path }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.StartsWith("path:", e.Status.Detail);
        Assert.Equal("CLI sine", f.Control.Session.Name);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Saving_a_session_outside_the_media_root_is_permission_denied_and_writes_nothing(string path)
    {
        using var escape = new Escape();
        var f = escape.F;
        string outsideTarget = Path.Combine(escape.Outside, "saved.json");
        var session = new SessionService.SessionServiceClient(f.Channel());
        var e = Assert.Throws<RpcException>(() => session.SaveSession(new SaveSessionRequest { Path = path.Replace("outside.json", "saved.json") }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.False(File.Exists(outsideTarget));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(f.Folder.Directory)!, "saved.json")));
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Rendering_outside_the_render_root_is_permission_denied_and_creates_nothing(string path)
    {
        using var escape = new Escape();
        var f = escape.F;
        var render = new RenderService.RenderServiceClient(f.Channel());
        string folder = path.Replace("outside.json", "prints");
        var e = Assert.Throws<RpcException>(() => render.StartRender(new StartRenderRequest { OutputDirectory = folder }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.StartsWith("output_directory:", e.Status.Detail);
        Assert.Empty(render.ListRenders(new ListRendersRequest()).Jobs);
        Assert.False(Directory.Exists(Path.Combine(escape.Outside, "prints")));
    }

    [Fact]
    public void An_edit_whose_clip_media_lies_outside_the_media_root_is_refused_before_the_file_is_opened()
    {
        using var escape = new Escape();
        var f = escape.F;
        var session = new SessionService.SessionServiceClient(f.Channel());
        string json = session.GetSession(new GetSessionRequest()).Json.Replace("media/sine.wav", "../../../../etc/passwd");
        var e = Assert.Throws<RpcException>(() => session.EditSession(new EditSessionRequest { Json = json }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("clip media", e.Status.Detail);
        Assert.Equal(1, session.GetSession(new GetSessionRequest()).Revision);
    }

    [Fact]
    public void A_path_inside_the_root_given_absolute_is_accepted()
    {
        using var f = new GrpcFixture();
        var session = new SessionService.SessionServiceClient(f.Channel());
        var saved = session.SaveSession(new SaveSessionRequest { Path = Path.Combine(f.Folder.Directory, "inside.json") });
        Assert.True(File.Exists(saved.Path));
    }
}
