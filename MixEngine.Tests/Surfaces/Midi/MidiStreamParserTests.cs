using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiStreamParserTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static List<string> Parse(string hex, int maxSysEx = 4096)
    {
        var sink = new CollectingMidiSink();
        new MidiStreamParser(maxSysEx).Push(Hex(hex), sink);
        return sink.Items;
    }

    [Theory]
    // Each row: input bytes, then what comes out in order (hand-derived from the MIDI 1.0 rules).
    [InlineData("903C7F", "90 3C 7F")]
    [InlineData("903C7F 3D00 3E40", "90 3C 7F|90 3D 00|90 3E 40")]
    [InlineData("E00040 7F7F", "E0 00 40|E0 7F 7F")]
    [InlineData("D005 15 25", "D0 05|D0 15|D0 25")]
    [InlineData("C005 06", "C0 05|C0 06")]
    [InlineData("B00F05 2F45", "B0 0F 05|B0 2F 45")]
    [InlineData("90 F8 3C F8 7F", "F8|F8|90 3C 7F")]
    [InlineData("903C7F FA 3D7F", "90 3C 7F|FA|90 3D 7F")]
    [InlineData("F26807 F135 F303 F6 FE FF", "F2 68 07|F1 35|F3 03|F6|FE|FF")]
    public void Channel_and_system_messages_come_out_whole_with_running_status_and_realtime_interleaved(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), Parse(input));
    }

    [Fact]
    public void System_common_cancels_running_status()
    {
        Assert.Equal(["90 3C 7F", "F6", "fault DataWithoutStatus @4", "fault DataWithoutStatus @5"], Parse("903C7F F6 3D7F"));
    }

    [Fact]
    public void SysEx_is_accumulated_and_realtime_bytes_inside_it_are_delivered_first()
    {
        Assert.Equal(["F8", "FE", "SysEx F00000661412004D697847F7", "90 3C 7F"], Parse("F0 000066 F8 1412 FE 004D697847 F7 903C7F"));
    }

    [Fact]
    public void SysEx_split_across_reads_arrives_once_complete()
    {
        var sink = new CollectingMidiSink();
        var parser = new MidiStreamParser();
        var bytes = Hex("F0 00 00 66 14 12 00 41 42 43 F7");

        for (int i = 0; i < bytes.Length; i++) parser.Push(bytes.AsSpan(i, 1), sink);

        Assert.Equal(["SysEx F0000066141200414243F7"], sink.Items);
    }

    [Theory]
    [InlineData("3C7F 903C7F", "fault DataWithoutStatus @0|fault DataWithoutStatus @1|90 3C 7F")]
    [InlineData("903C 903D7F", "fault TruncatedMessage @2|90 3D 7F")]
    [InlineData("F0 0102 903C7F", "fault UnterminatedSysEx @3|90 3C 7F")]
    [InlineData("F7 903C7F", "fault StrayEndOfSysEx @0|90 3C 7F")]
    [InlineData("F4 F5 F9 FD 903C7F", "fault UndefinedStatus @0|fault UndefinedStatus @1|fault UndefinedStatus @2|fault UndefinedStatus @3|90 3C 7F")]
    [InlineData("F0 01020304 F7 903C7F", "fault OversizeSysEx @0|90 3C 7F")]
    public void Malformed_bytes_are_reported_with_their_offset_and_the_stream_recovers(string input, string expected)
    {
        Assert.Equal(expected.Split('|'), Parse(input, maxSysEx: 5));
    }

    [Fact]
    public void Faults_describe_the_byte_and_offset()
    {
        var text = new MidiFault(MidiFaultKind.TruncatedMessage, 12, 0x90).ToString();
        Assert.Contains("0x90", text);
        Assert.Contains("stream offset 12", text);
    }

    [Fact]
    public void A_steady_stream_of_fader_moves_and_SysEx_parses_without_allocating()
    {
        var bytes = Hex("E00040 E17F7F 9068 7F D015 F000006614 12 0041 F7");
        var parser = new MidiStreamParser();
        var sink = new CountingMidiSink();

        long allocated = SteadyStateAllocation.Bytes(() => { for (int i = 0; i < 100; i++) parser.Push(bytes, sink); });

        Assert.Equal(0, allocated);
        Assert.True(sink.Count > 0);
    }

    private sealed class CountingMidiSink : IMidiSink
    {
        public int Count;
        public void OnMessage(MidiMessage message) => Count++;
        public void OnSysEx(ReadOnlySpan<byte> sysEx) => Count++;
        public void OnMalformed(MidiFault fault) => throw new InvalidOperationException(fault.ToString());
    }
}
