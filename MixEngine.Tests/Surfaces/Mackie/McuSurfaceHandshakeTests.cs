namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceHandshakeTests
{
    private const string Serial = "58595A57186105";
    private const string Challenge = "57186105";
    private const string Response = "645A5E57"; // spec surfaces.md §1.2 test vector (McuHandshakeTests)

    private static byte[] SysEx(string hex) => Convert.FromHexString(hex);

    [Fact]
    public async Task A_silent_unit_is_asked_as_MCU_and_as_Logic_Control_and_an_MCU_power_on_is_answered_and_brings_the_state()
    {
        await using var f = new McuSurfaceFixture();
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F00000661400F7"));
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F00000661000F7"));

        peer.Send(SysEx("F000006614" + "01" + Serial + Challenge + "F7"));
        var state = peer.CollectThrough(m => m.StartsWith("SysEx F0000066141238", StringComparison.Ordinal));

        Assert.NotEmpty(state);
        // The reply comes first (a device query repeated while this test's thread was held up may precede it).
        Assert.Equal("SysEx F000006614" + "02" + Serial + Response + "F7", state.First(m => !m.EndsWith("00F7", StringComparison.Ordinal)));
        Assert.Contains(state, m => m.StartsWith("SysEx F0000066141238", StringComparison.Ordinal)); // then the whole state
        Assert.Equal([true], f.Surface.Online);
        Assert.Equal(["XYZW\\x18a\\x05"], f.Surface.Serials);
    }

    [Fact]
    public async Task A_Logic_Control_gets_the_challenge_response_and_its_state_only_after_it_confirms()
    {
        await using var f = new McuSurfaceFixture();
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F00000661000F7"));

        peer.Send(SysEx("F000006610" + "01" + Serial + Challenge + "F7"));
        Assert.Equal("SysEx F000006610" + "02" + Serial + Response + "F7", peer.WaitFor(m => m.StartsWith("SysEx", StringComparison.Ordinal)));
        Assert.DoesNotContain(peer.Collect(600), m => m.StartsWith("SysEx F0000066101238", StringComparison.Ordinal) || m.StartsWith("E0", StringComparison.Ordinal));
        Assert.Equal([false], f.Surface.Online);

        peer.Send(SysEx("F000006610" + "03" + Serial + "F7"));

        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F0000066101238", StringComparison.Ordinal))); // state addressed to device 10
        Assert.Equal([true], f.Surface.Online);
    }

    [Fact]
    public async Task A_connection_error_is_counted_and_the_unit_stays_offline_and_is_asked_again()
    {
        await using var f = new McuSurfaceFixture(options: new() { QueryInterval = TimeSpan.FromMilliseconds(300) });
        var peer = f.Peers[0];
        peer.Send(SysEx("F000006610" + "01" + Serial + Challenge + "F7"));
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F00000661002", StringComparison.Ordinal)));

        peer.Send(SysEx("F000006610" + "04" + Serial + "F7"));

        Assert.True(SpinWait.SpinUntil(() => f.Surface.HandshakeErrors == 1, 10_000));
        Assert.Equal([false], f.Surface.Online);
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F00000661000F7")); // queried again after the interval
    }

    [Fact]
    public async Task A_query_of_the_wrong_length_is_counted_as_unhandled_and_not_answered()
    {
        await using var f = new McuSurfaceFixture();
        var peer = f.Peers[0];
        peer.Send(SysEx("F000006614" + "01" + Serial + "F7"));

        Assert.True(SpinWait.SpinUntil(() => f.Surface.Unhandled == 1, 10_000));
        Assert.DoesNotContain(peer.Collect(500), m => m.StartsWith("SysEx F00000661402", StringComparison.Ordinal));
    }
}
