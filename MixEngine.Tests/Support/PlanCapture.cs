using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>Runs a plan over a range and collects one bus's aligned output (<see cref="MixEngine.Graph.Nodes.MixNode.OutputBuffers"/>) as planar arrays.</summary>
public static class PlanCapture
{
    /// <summary>Renders [<paramref name="start"/>, <paramref name="end"/>) and returns bus <paramref name="busId"/>'s output.</summary>
    public static double[][] Render(MixSession session, InMemoryMedia media, string busId, long start, long end, int blockSize = 256, int threads = 1)
    {
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(blockSize), media);
        using var workers = threads > 1 ? new RenderWorkers(threads) : null;
        var bus = plan.Bus(busId);
        var result = new double[bus.Layout.ChannelCount][];
        for (int c = 0; c < result.Length; c++) result[c] = new double[end - start];
        for (long p = start; p < end; p += blockSize)
        {
            int n = (int)Math.Min(blockSize, end - p);
            plan.RtRenderBlock(p, n, workers);
            for (int c = 0; c < result.Length; c++) Array.Copy(bus.OutputBuffers[c], 0, result[c], p - start, n);
        }
        return result;
    }
}
