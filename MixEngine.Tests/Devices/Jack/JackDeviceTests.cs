using MixEngine.Devices;
using MixEngine.Devices.Jack;

namespace MixEngine.Tests.Devices.Jack;

public class JackDeviceTests
{
    [Fact]
    public void Opening_without_a_server_fails_naming_the_server_and_changes_nothing()
    {
        using var device = new JackDevice(new JackDeviceOptions(48000) { ServerName = "nosuchserver" });
        var e = Assert.Throws<AudioDeviceException>(() => device.Open(["PM:L", "PM:R"]));
        Assert.StartsWith("JACK: ", e.Message);
        Assert.True(e.Message.Contains("'nosuchserver'") || e.Message.Contains(LibJack.Library), e.Message); // the server, or the missing library
        Assert.Equal(AudioDeviceStatus.Closed, device.Status);
    }

    [Fact]
    public void Duplicate_port_names_are_refused_before_connecting()
    {
        using var device = new JackDevice(new JackDeviceOptions(48000) { ServerName = "nosuchserver" });
        var e = Assert.Throws<AudioDeviceException>(() => device.Open(["PM:L", "PM:L"]));
        Assert.Contains("'PM:L' is given twice", e.Message);
    }

    [Fact]
    public void A_status_without_known_bits_still_says_the_operation_failed()
    {
        Assert.Equal("no server could be reached (jack_status_t 0x11)", JackLibrary.DescribeStatus(0x11));
        Assert.Equal("the operation failed (jack_status_t 0x1)", JackLibrary.DescribeStatus(0x1));
    }
}
