using Grpc.Core;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Protocol.V1;
using MixEngine.Session;

namespace MixEngine.Tests.Protocol;

public class RenderApiTests
{
    private static async Task<RenderJob> Follow(RenderService.RenderServiceClient render, string id)
    {
        using var call = render.WatchRender(new WatchRenderRequest { JobId = id }, deadline: DateTime.UtcNow.AddSeconds(60));
        RenderJob last = new();
        while (await call.ResponseStream.MoveNext()) last = call.ResponseStream.Current;
        return last;
    }

    [Fact]
    public async Task A_render_job_streams_progress_to_completion_and_prints_the_same_samples_as_a_direct_render()
    {
        using var f = new GrpcFixture();
        var render = new RenderService.RenderServiceClient(f.Channel());
        var transport = new TransportService.TransportServiceClient(f.Channel());
        transport.Play(new PlayRequest());
        var job = render.StartRender(new StartRenderRequest { OutputDirectory = "take1", OriginationUnixSeconds = 1767225600 });
        Assert.Equal("render-1", job.JobId);
        var done = await Follow(render, job.JobId);
        Assert.Equal(RenderJobState.Succeeded, done.State);
        Assert.Equal(1.0, done.Fraction);
        Assert.Equal(48000, done.FramesTotal);
        var report = render.GetRenderReport(new GetRenderReportRequest { JobId = job.JobId });
        string print = Assert.Single(report.PrintPaths);
        Assert.Equal(Path.Combine(f.RenderRoot, "take1", "PM.wav"), print);

        using var direct = new Files.TempFolder();
        OfflineRenderer.Render(SessionReader.Load(f.Folder.SessionPath), RenderRequest.WholeSession(f.Session, direct.Path));
        Assert.Equal(Files.PrintFixtures.ReadAll(Path.Combine(direct.Path, "PM.wav"))[0], Files.PrintFixtures.ReadAll(print)[0]); // identical samples: same session, same offline driver
        Assert.True(f.Engine.Timing.Read().Blocks > 0); // playback kept running while the job rendered
    }

    [Fact]
    public async Task Unknown_jobs_are_not_found_and_a_finished_job_cannot_be_cancelled()
    {
        using var f = new GrpcFixture();
        var render = new RenderService.RenderServiceClient(f.Channel());
        Assert.Equal(StatusCode.NotFound, Assert.Throws<RpcException>(() => render.CancelRender(new CancelRenderRequest { JobId = "render-99" })).StatusCode);
        var job = render.StartRender(new StartRenderRequest());
        var done = await Follow(render, job.JobId);
        Assert.Equal(RenderJobState.Succeeded, done.State);
        var e = Assert.Throws<RpcException>(() => render.CancelRender(new CancelRenderRequest { JobId = job.JobId }));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Single(render.ListRenders(new ListRendersRequest()).Jobs);
    }

    [Fact]
    public void Bad_render_requests_name_the_field()
    {
        using var f = new GrpcFixture();
        var render = new RenderService.RenderServiceClient(f.Channel());
        Assert.StartsWith("normalize_to:", Assert.Throws<RpcException>(() => render.StartRender(new StartRenderRequest { NormalizeTo = "loud" })).Status.Detail);
        Assert.StartsWith("end_samples:", Assert.Throws<RpcException>(() => render.StartRender(new StartRenderRequest { StartSamples = 500, EndSamples = 100 })).Status.Detail);
        Assert.StartsWith("normalize_bus:", Assert.Throws<RpcException>(() => render.StartRender(new StartRenderRequest { NormalizeBus = "pm" })).Status.Detail);
    }

    [Fact]
    public async Task A_render_conformed_to_a_delivery_spec_reports_the_conform()
    {
        using var f = new GrpcFixture();
        var render = new RenderService.RenderServiceClient(f.Channel());
        var job = render.StartRender(new StartRenderRequest { OutputDirectory = "r128", NormalizeTo = "ebu-r128" });
        var done = await Follow(render, job.JobId);
        Assert.Equal(RenderJobState.Succeeded, done.State);
        var report = render.GetRenderReport(new GetRenderReportRequest { JobId = job.JobId });
        Assert.Contains("\"conform\"", report.ReportJson, StringComparison.OrdinalIgnoreCase);
    }
}
