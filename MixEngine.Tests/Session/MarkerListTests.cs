using MixEngine.Session;

namespace MixEngine.Tests.Session;

public class MarkerListTests
{
    private static readonly MarkerList Reel = MarkerList.From([new Marker("Sc 2", 480_000), new Marker("2-pop", 0), new Marker("Loop", 96_000, 192_000)]);

    [Fact]
    public void Markers_are_numbered_from_1_in_timeline_order()
    {
        Assert.Equal(["2-pop", "Loop", "Sc 2"], Reel.Select(m => m.Name));
        Assert.Equal("Loop", Reel.Numbered(2).Name);
        Assert.Equal(3, Reel.NumberOf("Sc 2"));
        Assert.Equal(0, Reel.NumberOf("nothing"));
        Assert.Contains("expected 1 … 3", Assert.Throws<MarkerNotFoundException>(() => Reel.Numbered(4)).Message);
    }

    [Fact]
    public void Next_and_previous_are_strictly_after_and_before_a_position()
    {
        Assert.Equal("Loop", Reel.After(0)!.Name);
        Assert.Equal("Sc 2", Reel.After(96_000)!.Name);
        Assert.Null(Reel.After(480_000));
        Assert.Equal("Loop", Reel.Before(480_000)!.Name);
        Assert.Null(Reel.Before(0));
    }

    [Fact]
    public void Edits_return_a_new_list_and_leave_the_old_one_alone()
    {
        var moved = Reel.Replace("Loop", new Marker("Scene 1", 500_000));
        Assert.Equal(["2-pop", "Sc 2", "Scene 1"], moved.Select(m => m.Name));
        Assert.Equal(["2-pop", "Loop", "Sc 2"], Reel.Select(m => m.Name));
        Assert.Equal(["2-pop", "Sc 2"], Reel.Without("Loop").Select(m => m.Name));
        Assert.Equal(4, Reel.With(new Marker("Marker 4", 1)).Count);
    }

    [Fact]
    public void Bad_edits_throw_naming_the_marker_and_what_was_expected()
    {
        Assert.Contains("exists already", Assert.Throws<ArgumentException>(() => Reel.With(new Marker("Loop", 5))).Message);
        Assert.Contains("that name is taken", Assert.Throws<ArgumentException>(() => Reel.Replace("Loop", new Marker("Sc 2", 5))).Message);
        Assert.Contains("no marker named 'Sc 9'; markers: 2-pop, Loop, Sc 2", Assert.Throws<MarkerNotFoundException>(() => Reel.Without("Sc 9")).Message);
        Assert.Contains("not after its start", Assert.Throws<ArgumentException>(() => Reel.With(new Marker("R", 10, 10))).Message);
        Assert.Contains("before the session start", Assert.Throws<ArgumentException>(() => Reel.With(new Marker("R", -1))).Message);
        Assert.Contains("expected #RRGGBB", Assert.Throws<ArgumentException>(() => Reel.With(new Marker("R", 1, Colour: "#12345"))).Message);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => MarkerList.From([new Marker("A", 1), new Marker("A", 2)])).Message);
    }

    [Fact]
    public void An_unused_name_counts_on_from_the_number_of_markers()
    {
        Assert.Equal("Marker 4", Reel.UnusedName());
        Assert.Equal("Marker 2", MarkerList.From([new Marker("Marker 1", 0)]).UnusedName());
        Assert.Equal("Marker 3", MarkerList.From([new Marker("Marker 2", 0)]).UnusedName());
    }
}
