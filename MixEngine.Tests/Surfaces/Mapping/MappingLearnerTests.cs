using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mapping;

public class MappingLearnerTests
{
    private static MidiBinding? Learn(RelativeEncoding relative, params MidiMessage[] messages)
    {
        var learner = new MappingLearner(relative);
        foreach (var m in messages) learner.Add(m);
        return learner.Result();
    }

    private static MidiMessage Cc(int ch, int cc, int v) => MidiMessage.ControlChange(ch, cc, v);

    [Fact]
    public void A_gesture_names_the_most_specific_control_it_shows()
    {
        Assert.Equal(new MidiBinding(MidiControlKind.Nrpn, 2, 300), Learn(RelativeEncoding.None, Cc(2, 99, 2), Cc(2, 98, 44), Cc(2, 6, 10), Cc(2, 38, 3)));
        Assert.Equal(new MidiBinding(MidiControlKind.PitchBend, 4, 0), Learn(RelativeEncoding.None, MidiMessage.PitchBend(4, 100), MidiMessage.PitchBend(4, 200)));
        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange14, 0, 7), Learn(RelativeEncoding.None, Cc(0, 7, 10), Cc(0, 39, 3), Cc(0, 7, 11)));
        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange, 0, 7), Learn(RelativeEncoding.None, Cc(0, 7, 10), Cc(0, 7, 11)));
        Assert.Equal(new MidiBinding(MidiControlKind.Note, 0, 94), Learn(RelativeEncoding.None, MidiMessage.NoteOn(0, 94, 127), MidiMessage.NoteOn(0, 94, 0)));
        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange, 1, 16, RelativeEncoding.SignMagnitude), Learn(RelativeEncoding.SignMagnitude, Cc(1, 16, 1), Cc(1, 16, 2)));
    }

    [Fact]
    public void Releases_and_messages_no_control_sends_name_nothing()
    {
        Assert.Null(Learn(RelativeEncoding.None, MidiMessage.NoteOff(0, 10), MidiMessage.NoteOn(0, 10, 0), MidiMessage.ProgramChange(0, 3), MidiMessage.System(0xF8)));
    }
}
