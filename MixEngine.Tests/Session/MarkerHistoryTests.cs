using MixEngine.Session;

namespace MixEngine.Tests.Session;

public class MarkerHistoryTests
{
    [Fact]
    public void Only_the_newest_64_steps_are_kept()
    {
        var history = new MarkerHistory();
        var lists = Enumerable.Range(0, 70).Select(i => MarkerList.From([new Marker($"M{i}", i)])).ToArray();
        for (int i = 1; i < lists.Length; i++) history.Record(lists[i - 1], lists[i], "change");
        Assert.Equal(MarkerHistory.MaxSteps, history.UndoCount);
        (MarkerList Markers, string What)? last = null;
        while (history.Undo() is { } step) last = step;
        Assert.Same(lists[69 - MarkerHistory.MaxSteps], last!.Value.Markers); // the oldest 5 steps were dropped
        Assert.Equal(MarkerHistory.MaxSteps, history.RedoCount);
    }
}
