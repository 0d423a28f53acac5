using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class AlsaRawMidiPortTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rawmidi-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Bytes_in_the_device_file_are_parsed_and_sends_are_written_to_it()
    {
        // A regular file stands in for /dev/snd/midiC1D0 (no sound hardware on build machines): reads return its
        // bytes then end, writes land in it.
        string path = Path.Combine(_root, "midiC1D0");
        await File.WriteAllBytesAsync(path, [0x90, 0x68, 0x7F, 0x68, 0x00, 0xE0, 0x00, 0x60]);
        var sink = new CollectingMidiSink();
        await using (var port = AlsaRawMidiPort.Open("alsa:XTouch/0", path))
        {
            await new MidiPortReader(port, sink).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await port.SendAsync(new byte[] { 0xB0, 0x30, 0x46 });
            Assert.Equal("alsa:XTouch/0", port.Id);
        }

        Assert.Equal(["90 68 7F", "90 68 00", "E0 00 60"], sink.Items);
        Assert.Equal(new byte[] { 0xB0, 0x30, 0x46, 0x68, 0x00, 0xE0, 0x00, 0x60 }, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public void A_missing_device_names_the_port_and_the_path()
    {
        string path = Path.Combine(_root, "midiC9D0");

        var error = Assert.Throws<IOException>(() => AlsaRawMidiPort.Open("alsa:Gone/0", path));

        Assert.Contains("alsa:Gone/0", error.Message);
        Assert.Contains(path, error.Message);
    }
}
