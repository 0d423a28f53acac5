using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Tests.Surfaces.Abstractions;

public class EchoSuppressionTests
{
    [Fact]
    public void Only_changed_values_are_sent()
    {
        var echo = new EchoSuppression();
        Assert.True(echo.ShouldSend(1, 0, 0.5));
        Assert.False(echo.ShouldSend(1, 0, 0.5));
        Assert.False(echo.ShouldSend(1, 0, 0.5 + 1e-8)); // below the float32 tolerance
        Assert.True(echo.ShouldSend(1, 0, 0.6));
        Assert.True(echo.ShouldSend(2, 0, 0.6)); // another element of the same parameter is cached apart
    }

    [Fact]
    public void A_held_control_gets_no_values_until_released()
    {
        var echo = new EchoSuppression();
        echo.Hold(7);
        Assert.False(echo.ShouldSend(56, 7, 0.25));
        echo.Release(7);
        Assert.True(echo.ShouldSend(56, 7, 0.25));
    }

    [Fact]
    public void A_value_the_surface_sent_is_not_echoed_back_but_a_clamped_one_is()
    {
        var echo = new EchoSuppression();
        echo.Received(3, 0.75);
        Assert.False(echo.ShouldSend(3, 0, 0.75));
        echo.Received(3, 40);
        Assert.True(echo.ShouldSend(3, 0, 12)); // the engine clamped +40 dB to +12 dB: the surface must see it
    }

    [Fact]
    public void Forget_makes_the_next_value_go_out_even_when_unchanged()
    {
        var echo = new EchoSuppression();
        echo.ShouldSend(1, 0, double.NegativeInfinity);
        Assert.False(echo.ShouldSend(1, 0, double.NegativeInfinity));
        echo.Forget();
        Assert.True(echo.ShouldSend(1, 0, double.NegativeInfinity));
    }
}
