using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary><see cref="RealtimeEngineOptions.HugePages"/>: the heap is marked for huge pages where the system offers them, the outcome is reported and no sample changes.</summary>
public class RealtimeEngineMemoryTests
{
    private const int Block = 128, Length = 48000;

    private static RealtimeEngine Engine(bool hugePages)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 5));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 440));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Build();
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block) { PreFaderTaps = true }, media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = 1, MetersOnDemand = true, HugePages = hugePages });
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        return engine;
    }

    private static double[][] Play(RealtimeEngine engine, int periods)
    {
        var played = new[] { new double[periods * Block], new double[periods * Block] };
        var outputs = new[] { new double[Block], new double[Block] };
        for (int i = 0; i < periods; i++)
        {
            engine.RtRender(outputs, Block);
            for (int c = 0; c < 2; c++) Array.Copy(outputs[c], 0, played[c], i * Block, Block);
        }
        return played;
    }

    [Fact]
    public void Huge_pages_report_what_was_done_and_change_no_sample()
    {
        using var huge = Engine(hugePages: true);
        using var plain = Engine(hugePages: false);
        var a = Play(huge, 200);
        var b = Play(plain, 200);
        for (int c = 0; c < 2; c++) Assert.Equal(b[c], a[c]); // exact: page sizes only
        Assert.Equal("not requested", plain.HugePagesStatus);
        // Used or not depends on the kernel and its settings; either way the outcome is named.
        const string Outcome = @"^(heap reservation of \d+ GiB marked for huge pages, \d+ MiB collapsed now; (?<huge>\d+) of (?<resident>\d+) MiB resident in huge pages|not used \(.+\))$";
        Assert.Matches(Outcome, huge.HugePagesStatus);
        if (OperatingSystem.IsLinux() && File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")
            && !File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[never]", StringComparison.Ordinal))
            Assert.StartsWith("heap reservation", huge.HugePagesStatus);
        // Collapsing again (serve does so after its start-up collection) reports anew; a heap in huge pages holds no
        // more of them than it has resident.
        var again = System.Text.RegularExpressions.Regex.Match(huge.CollapseHeapIntoHugePages(), Outcome);
        Assert.True(again.Success, huge.HugePagesStatus);
        if (again.Groups["huge"].Success) Assert.True(long.Parse(again.Groups["huge"].Value) <= long.Parse(again.Groups["resident"].Value), huge.HugePagesStatus);
        Assert.Equal("not requested", plain.CollapseHeapIntoHugePages());
        var later = Play(huge, 50);
        var laterPlain = Play(plain, 50);
        for (int ch = 0; ch < 2; ch++) Assert.Equal(laterPlain[ch], later[ch]);
    }
}
