using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Tests.Surfaces.Abstractions;

public class BankMapTests
{
    private static BankMap Map(int size, int strips)
    {
        var map = new BankMap();
        map.SetStripCount(strips);
        map.SetBankSize(size);
        return map;
    }

    [Fact]
    public void Ssids_are_one_based_inside_the_window_and_outside_ones_map_to_no_strip()
    {
        var map = Map(8, 20);
        Assert.Equal(0, map.StripAt(1));
        Assert.Equal(7, map.StripAt(8));
        Assert.Equal(-1, map.StripAt(0));
        Assert.Equal(-1, map.StripAt(9));
        Assert.Equal(3, map.SsidOf(2));
        Assert.Equal(0, map.SsidOf(8));
    }

    [Fact]
    public void Moving_by_single_strips_stops_at_both_ends_like_banks_do()
    {
        var map = Map(8, 10);
        Assert.True(map.MoveStrips(1));
        Assert.Equal(1, map.Offset);
        Assert.True(map.MoveStrips(5));
        Assert.Equal(2, map.Offset); // the last full bank starts at strip 3
        Assert.False(map.MoveStrips(1));
        Assert.True(map.MoveStrips(-7));
        Assert.Equal(0, map.Offset);
        Assert.False(Map(0, 10).MoveStrips(1)); // no banking: nothing moves
    }

    [Fact]
    public void The_last_bank_is_a_full_bank_ending_at_the_last_strip()
    {
        var map = Map(8, 20);
        Assert.True(map.Move(1));
        Assert.Equal(8, map.Offset);
        Assert.True(map.Move(1));
        Assert.Equal(12, map.Offset); // 20 − 8: no partial last bank
        Assert.False(map.CanBankUp);
        Assert.False(map.Move(1));
        Assert.True(map.CanBankDown);
    }

    [Fact]
    public void Removing_strips_while_banked_right_reclamps_so_the_surface_never_goes_blank()
    {
        var map = Map(8, 20);
        map.Move(2);
        map.SetStripCount(10);
        Assert.Equal(2, map.Offset);
        map.SetStripCount(5);
        Assert.Equal(0, map.Offset);
        Assert.Equal(5, map.Visible);
    }

    [Fact]
    public void Bank_size_zero_shows_every_strip_and_never_banks()
    {
        var map = Map(0, 12);
        Assert.Equal(12, map.Visible);
        Assert.False(map.Move(1));
        Assert.False(map.CanBankUp);
        Assert.False(map.CanBankDown);
    }

    [Fact]
    public void Reveal_shows_the_bank_holding_a_strip()
    {
        var map = Map(4, 10);
        Assert.True(map.Reveal(5));
        Assert.Equal(4, map.Offset);
        Assert.False(map.Reveal(6));
        Assert.True(map.Reveal(9));
        Assert.Equal(6, map.Offset); // clamped to 10 − 4
    }
}
