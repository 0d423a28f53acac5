using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;
using MixEngine.Tests.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mapping;

/// <summary>
/// python3-mido (Debian) as the independent MIDI implementation: from each shipped profile's JSON it builds the bytes a
/// device sends for every control at seeded values (relative encoders: turns of −3..3 ticks from the documented styles).
/// Our feedback encoder must produce the same bytes, and our input decoder must read them back as the same values.
/// </summary>
public class MappingProfilePeerTests
{
    private const string Python = "/usr/bin/python3";

    [PeerTheory(Python)]
    [InlineData("generic-14bit-faders", 11)]
    [InlineData("motor-fader-box-7bit", 12)]
    [InlineData("behringer-x-touch-one-midi", 13)]
    public void Every_control_of_a_shipped_profile_encodes_and_decodes_the_bytes_mido_builds(string name, int seed)
    {
        string path = RepositoryFiles.PathOf($"MixEngine.Surfaces/Mapping/Profiles/{name}.json");
        var profile = MappingProfileReader.Load(path);
        var (exit, stdout, stderr) = PeerTools.Run(Python, RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/mapping_messages.py"), path, seed.ToString());
        Assert.True(exit == 0, stderr);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Select(f => (Index: int.Parse(f[0]), Value: int.Parse(f[1]), Bytes: f[2])).ToList();
        Assert.Equal(profile.Controls.Count, rows.Select(r => r.Index).Distinct().Count()); // every control has rows

        var input = new MappingInput(profile);
        var parser = new MidiStreamParser();
        var writer = new MidiStreamWriter(runningStatus: false);
        var buffer = new byte[16];
        Span<MidiMessage> messages = stackalloc MidiMessage[4];
        foreach (var (index, value, hex) in rows)
        {
            var control = profile.Controls[index];
            if (!control.Midi.IsRelative)
            {
                int n = control.Midi.Encode(value, messages), length = 0;
                for (int m = 0; m < n; m++) length += writer.Write(messages[m], buffer.AsSpan(length));
                Assert.True(hex == Convert.ToHexString(buffer, 0, length), $"feedback of {control.Name} at {value}");
            }
            var sink = new CollectingMidiSink();
            parser.Push(Convert.FromHexString(hex), sink);
            Assert.Empty(sink.Faults);
            var events = sink.Messages.Select(m => input.TryRead(m, profile, out var e) ? e : (MappingInputEvent?)null).OfType<MappingInputEvent>().ToList();
            Assert.All(events, e => Assert.Equal(index, e.Control));
            if (control.Action.Kind == MappingActionKind.Command && control.Midi.Kind == MidiControlKind.ControlChange)
            {
                // A CC button reports edges only: crossing to 64 or more presses, back below releases.
                Assert.True(events.Count <= 1 && events.All(e => e.Kind == (value >= 64 ? MappingInputKind.Press : MappingInputKind.Release)), $"{control.Name} at {value}");
                continue;
            }
            var last = Assert.IsType<MappingInputEvent>(events[^1]);
            if (control.Midi.IsRelative) Assert.Equal((MappingInputKind.Turn, value), (last.Kind, last.Value));
            else if (control.Midi.Kind == MidiControlKind.Note) Assert.Equal(value > 0 ? MappingInputKind.Press : MappingInputKind.Release, last.Kind);
            else Assert.Equal((MappingInputKind.Value, value), (last.Kind, last.Value));
        }
    }
}
