using System.Net;
using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscListenerOptionsTests
{
    [Fact]
    public void Defaults_are_port_3819_on_loopback_serving_loopback_only()
    {
        var options = new OscListenerOptions();

        Assert.Equal(3819, options.Port);
        Assert.Equal(IPAddress.Loopback, options.BindAddress);
        Assert.True(options.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(options.Allows(IPAddress.IPv6Loopback));
        Assert.False(options.Allows(IPAddress.Parse("192.168.1.20")));
    }

    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.77", true)]
    [InlineData("192.168.1.0/24", "192.168.2.1", false)]
    [InlineData("10.1.2.3/32", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    public void Subnets_and_single_addresses_admit_their_members(string network, string client, bool allowed)
    {
        var options = new OscListenerOptions { AllowedClients = [IPNetwork.Parse(network)] };
        Assert.Equal(allowed, options.Allows(IPAddress.Parse(client)));
    }
}
