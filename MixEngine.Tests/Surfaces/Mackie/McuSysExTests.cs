using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSysExTests
{
    [Fact]
    public void Setup_messages_have_the_Mackie_header_device_and_command()
    {
        Assert.Equal("F000006614" + "00" + "F7", Convert.ToHexString(McuSysEx.DeviceQuery(McuSysEx.Mcu)));
        Assert.Equal("F000006615" + "20" + "0307" + "F7", Convert.ToHexString(McuSysEx.MeterMode(McuSysEx.McuXt, 3, 7)));
        Assert.Equal("F000006614" + "0C" + "01" + "F7", Convert.ToHexString(McuSysEx.TouchlessFaders(McuSysEx.Mcu, true)));
    }

    [Fact]
    public void A_power_on_host_connection_query_parses_into_device_command_and_serial()
    {
        // Real MCU power-on message quoted in the spec (surfaces.md §1.2).
        var bytes = Convert.FromHexString("F0000066140158595A57186105571861 05F7".Replace(" ", ""));

        Assert.True(McuSysEx.TryParse(bytes, out byte device, out byte command, out var parameters));
        Assert.Equal(McuSysEx.Mcu, device);
        Assert.Equal(0x01, command);
        Assert.Equal("58595A57186105" + "57186105", Convert.ToHexString(parameters));
    }

    [Theory]
    [InlineData("F0000067140001F7")]
    [InlineData("F0000066F7")]
    [InlineData("F00000661400")]
    public void Other_vendors_and_short_messages_are_not_Mackie(string hex)
    {
        Assert.False(McuSysEx.TryParse(Convert.FromHexString(hex), out _, out _, out _));
    }

    [Fact]
    public void Parameters_above_7F_are_refused_by_position()
    {
        var error = Assert.Throws<ArgumentException>(() => McuSysEx.Build(McuSysEx.Mcu, 0x12, 0x00, 0x80));
        Assert.Contains("parameter 1 is 0x80", error.Message);
    }
}
