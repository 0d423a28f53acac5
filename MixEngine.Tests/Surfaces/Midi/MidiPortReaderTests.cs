using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiPortReaderTests
{
    [Fact]
    public async Task Parses_a_port_until_it_closes_and_counts_delivered_and_malformed()
    {
        var loop = new MidiLoopback("mcu");
        var sink = new CollectingMidiSink();
        var reader = new MidiPortReader(loop.B, sink);
        var run = reader.RunAsync(CancellationToken.None);

        await loop.A.SendAsync(new byte[] { 0xE0, 0x00 });
        await loop.A.SendAsync(new byte[] { 0x60, 0x3C, 0xF0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xF7 });
        await loop.A.DisposeAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["E0 00 60", "fault TruncatedMessage @4", "SysEx F00000661400F7"], sink.Items);
        Assert.Equal(2, reader.Delivered);
        Assert.Equal(1, reader.Malformed);
    }
}
