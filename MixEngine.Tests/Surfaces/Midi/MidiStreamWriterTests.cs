using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiStreamWriterTests
{
    private static string Write(MidiStreamWriter writer, params MidiMessage[] messages)
    {
        var buffer = new byte[3];
        return string.Concat(messages.Select(m => Convert.ToHexString(buffer, 0, writer.Write(m, buffer))));
    }

    [Fact]
    public void Running_status_drops_repeated_channel_status_bytes()
    {
        var writer = new MidiStreamWriter(runningStatus: true);

        string bytes = Write(writer, MidiMessage.NoteOn(0, 0x3C, 0x7F), MidiMessage.NoteOn(0, 0x3D, 0), MidiMessage.NoteOn(1, 0x3D, 0),
            MidiMessage.PitchBend(1, 0x2000), MidiMessage.PitchBend(1, 0x3FFF));

        Assert.Equal("903C7F" + "3D00" + "913D00" + "E10040" + "7F7F", bytes);
    }

    [Fact]
    public void Realtime_keeps_running_status_and_system_common_cancels_it()
    {
        var writer = new MidiStreamWriter(runningStatus: true);

        string bytes = Write(writer, MidiMessage.ChannelPressure(0, 0x15), MidiMessage.System(0xF8), MidiMessage.ChannelPressure(0, 0x25),
            MidiMessage.System(0xF6), MidiMessage.ChannelPressure(0, 0x35));

        Assert.Equal("D015" + "F8" + "25" + "F6" + "D035", bytes);
    }

    [Fact]
    public void SysEx_cancels_running_status()
    {
        var writer = new MidiStreamWriter(runningStatus: true);
        var buffer = new byte[16];
        Write(writer, MidiMessage.NoteOn(0, 1, 1));

        int n = writer.WriteSysEx([0xF0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xF7], buffer);

        Assert.Equal(7, n);
        Assert.Equal("900202", Write(writer, MidiMessage.NoteOn(0, 2, 2)));
    }

    [Fact]
    public void Without_running_status_every_message_carries_its_status()
    {
        var writer = new MidiStreamWriter(runningStatus: false);

        Assert.Equal("903C7F903D00", Write(writer, MidiMessage.NoteOn(0, 0x3C, 0x7F), MidiMessage.NoteOn(0, 0x3D, 0)));
    }

    [Theory]
    [InlineData(new byte[] { 0xF0, 0x01 }, "start with F0 and end with F7")]
    [InlineData(new byte[] { 0xF0, 0x01, 0x90, 0xF7 }, "SysEx byte 2 is 0x90")]
    public void Invalid_SysEx_is_refused_with_the_offending_byte(byte[] sysEx, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new MidiStreamWriter(false).WriteSysEx(sysEx, new byte[8]));
        Assert.Contains(problem, error.Message);
    }
}
