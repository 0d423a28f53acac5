using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class AlsaRawMidiDevicesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("alsa-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A stand-in /dev/snd and /proc/asound with the given device files and card ids.</summary>
    internal static (string Dev, string Proc) FakeAlsa(string root, params (int Card, int Device, string? CardId, string? Name)[] devices)
    {
        string dev = Directory.CreateDirectory(Path.Combine(root, "dev")).FullName;
        string proc = Directory.CreateDirectory(Path.Combine(root, "proc")).FullName;
        File.WriteAllText(Path.Combine(dev, "controlC0"), "");
        File.WriteAllText(Path.Combine(dev, "pcmC0D0p"), "");
        foreach (var (card, device, cardId, name) in devices)
        {
            File.WriteAllText(Path.Combine(dev, $"midiC{card}D{device}"), "");
            string cardDir = Directory.CreateDirectory(Path.Combine(proc, $"card{card}")).FullName;
            if (cardId is not null) File.WriteAllText(Path.Combine(cardDir, "id"), cardId + "\n");
            if (name is not null) File.WriteAllText(Path.Combine(cardDir, $"midi{device}"), name + "\n\nOutput 0\n");
        }
        return (dev, proc);
    }

    [Fact]
    public void Lists_midi_device_files_in_card_order_with_card_ids_and_port_names()
    {
        var (dev, proc) = FakeAlsa(_root, (2, 0, "XTouchExt", "X-Touch-Ext"), (1, 1, "XTouch", "X-Touch MIDI 2"), (1, 0, "XTouch", "X-Touch"));

        var devices = AlsaRawMidiDevices.List(dev, proc);

        Assert.Equal(["alsa:XTouch/0", "alsa:XTouch/1", "alsa:XTouchExt/0"], devices.Select(d => d.Id));
        Assert.Equal(["hw:1,0", "hw:1,1", "hw:2,0"], devices.Select(d => d.HardwareName));
        Assert.Equal(["X-Touch", "X-Touch MIDI 2", "X-Touch-Ext"], devices.Select(d => d.Name));
        Assert.Equal(Path.Combine(dev, "midiC1D0"), devices[0].Path);
    }

    [Fact]
    public void The_id_follows_the_card_id_not_the_card_number()
    {
        var (dev1, proc1) = FakeAlsa(Path.Combine(_root, "boot1"), (1, 0, "XTouch", null));
        var (dev2, proc2) = FakeAlsa(Path.Combine(_root, "boot2"), (3, 0, "XTouch", null));

        Assert.Equal(AlsaRawMidiDevices.List(dev1, proc1)[0].Id, AlsaRawMidiDevices.List(dev2, proc2)[0].Id);
    }

    [Fact]
    public void Missing_proc_entries_fall_back_to_the_card_number_and_a_missing_device_directory_lists_nothing()
    {
        var (dev, _) = FakeAlsa(_root, (4, 0, null, null));

        Assert.Equal("alsa:card4/0", Assert.Single(AlsaRawMidiDevices.List(dev, Path.Combine(_root, "none"))).Id);
        Assert.Empty(AlsaRawMidiDevices.List(Path.Combine(_root, "nodev"), Path.Combine(_root, "none")));
    }
}
