using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiLoopbackTests
{
    [Fact]
    public async Task Bytes_sent_on_one_end_arrive_in_order_on_the_other_in_reads_of_any_size()
    {
        var loop = new MidiLoopback("desk");
        await loop.A.SendAsync(new byte[] { 0x90, 0x68, 0x7F });
        await loop.A.SendAsync(new byte[] { 0xE0, 0x00, 0x60 });
        var received = new List<byte>();
        var buffer = new byte[2];

        while (received.Count < 6) received.AddRange(buffer.AsSpan(0, await loop.B.ReceiveAsync(buffer)).ToArray());

        Assert.Equal(new byte[] { 0x90, 0x68, 0x7F, 0xE0, 0x00, 0x60 }, received);
        Assert.Equal("loopback:desk/a", loop.A.Id);
    }

    [Fact]
    public async Task Closing_an_end_ends_the_other_ends_reads()
    {
        var loop = new MidiLoopback("desk");

        await loop.B.DisposeAsync();

        Assert.Equal(0, await loop.A.ReceiveAsync(new byte[4]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
