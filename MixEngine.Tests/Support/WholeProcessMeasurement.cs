namespace MixEngine.Tests.Support;

/// <summary>
/// Tests that measure the whole process (managed heap growth, block timing of a real-time paced engine) join this
/// collection. xUnit runs a collection with parallelisation disabled on its own, after the parallel ones, so no other
/// test's allocations or CPU load enter the figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeProcessMeasurement
{
    /// <summary>The collection name used in <c>[Collection(...)]</c>.</summary>
    public const string Name = "Whole-process measurement";
}
