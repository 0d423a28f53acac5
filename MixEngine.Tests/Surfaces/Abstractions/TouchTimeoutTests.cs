using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Tests.Surfaces.Abstractions;

public class TouchTimeoutTests
{
    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void The_first_value_starts_an_implied_touch_and_later_values_extend_it()
    {
        var touch = new TouchTimeout(Ms(1000));
        Assert.True(touch.Value(4, Ms(0)));
        Assert.False(touch.Value(4, Ms(900)));
        Assert.Empty(touch.Expired(Ms(1800)));
        Assert.Equal([4], touch.Expired(Ms(1900)));
        Assert.False(touch.IsTouched(4));
        Assert.True(touch.Value(4, Ms(2000)));
    }

    [Fact]
    public void An_explicit_touch_is_never_ended_by_the_timeout()
    {
        var touch = new TouchTimeout(Ms(100));
        touch.Value(1, Ms(0));
        touch.Explicit(1, touched: true);
        Assert.False(touch.Value(1, Ms(10)));
        Assert.Empty(touch.Expired(Ms(10_000)));
        Assert.True(touch.IsTouched(1));
        touch.Explicit(1, touched: false);
        Assert.False(touch.IsTouched(1));
    }

    [Fact]
    public void Release_all_hands_back_implied_and_explicit_touches()
    {
        var touch = new TouchTimeout(Ms(100));
        touch.Value(1, Ms(0));
        touch.Explicit(2, touched: true);
        Assert.Equal([1, 2], touch.ReleaseAll().Order());
        Assert.False(touch.IsTouched(1) || touch.IsTouched(2));
    }
}
