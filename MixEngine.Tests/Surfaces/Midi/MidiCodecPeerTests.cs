using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Midi;

/// <summary>python3-mido (Debian) as the independent MIDI implementation: it builds a seeded table of messages of every kind.</summary>
public class MidiCodecPeerTests
{
    private const string Python = "/usr/bin/python3";

    private sealed record MidoRow(string Kind, int Channel, int A, int B, byte[] Bytes);

    private static List<MidoRow> MidoTable(int seed)
    {
        var (exit, stdout, stderr) = PeerTools.Run(Python, RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/mido_messages.py"), seed.ToString(), "400");
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var f = line.Split(' ');
            return new MidoRow(f[0], int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3]), Convert.FromHexString(f[4]));
        }).ToList();
    }

    private static MidiMessage Ours(MidoRow r) => r.Kind switch
    {
        "note_on" => MidiMessage.NoteOn(r.Channel, r.A, r.B),
        "note_off" => MidiMessage.NoteOff(r.Channel, r.A, r.B),
        "polytouch" => MidiMessage.PolyPressure(r.Channel, r.A, r.B),
        "control_change" => MidiMessage.ControlChange(r.Channel, r.A, r.B),
        "program_change" => MidiMessage.ProgramChange(r.Channel, r.A),
        "aftertouch" => MidiMessage.ChannelPressure(r.Channel, r.A),
        "pitchwheel" => MidiMessage.PitchBend(r.Channel, r.A + 8192),
        "quarter_frame" => MidiMessage.System(0xF1, r.A << 4 | r.B),
        "songpos" => MidiMessage.System(0xF2, r.A & 0x7F, r.A >> 7),
        "song_select" => MidiMessage.System(0xF3, r.A),
        "tune_request" => MidiMessage.System(0xF6),
        "clock" => MidiMessage.System(0xF8),
        "start" => MidiMessage.System(0xFA),
        "continue" => MidiMessage.System(0xFB),
        "stop" => MidiMessage.System(0xFC),
        "active_sensing" => MidiMessage.System(0xFE),
        "reset" => MidiMessage.System(0xFF),
        _ => throw new InvalidOperationException($"mido kind {r.Kind} has no mapping"),
    };

    [PeerTheory(Python)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Every_message_encodes_to_the_bytes_mido_builds(int seed)
    {
        var writer = new MidiStreamWriter(runningStatus: false);
        var buffer = new byte[64];
        foreach (var row in MidoTable(seed))
        {
            int n = row.Kind == "sysex" ? writer.WriteSysEx(row.Bytes, buffer) : writer.Write(Ours(row), buffer);
            Assert.True(Convert.ToHexString(row.Bytes) == Convert.ToHexString(buffer, 0, n), $"{row.Kind} ch {row.Channel} {row.A} {row.B}");
        }
    }

    [PeerTheory(Python)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Mido_byte_streams_decode_to_the_same_messages_with_and_without_running_status(int seed)
    {
        var table = MidoTable(seed);
        var expected = table.Select(r => r.Kind == "sysex" ? "SysEx " + Convert.ToHexString(r.Bytes) : Ours(r).ToString()).ToList();

        var plain = new CollectingMidiSink();
        new MidiStreamParser().Push(table.SelectMany(r => r.Bytes).ToArray(), plain);
        Assert.Equal(expected, plain.Items);

        // Re-send the same table with running status: fewer bytes, same messages.
        var writer = new MidiStreamWriter(runningStatus: true);
        var stream = new List<byte>();
        var buffer = new byte[64];
        foreach (var row in table)
        {
            int n = row.Kind == "sysex" ? writer.WriteSysEx(row.Bytes, buffer) : writer.Write(Ours(row), buffer);
            stream.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        var running = new CollectingMidiSink();
        new MidiStreamParser().Push(stream.ToArray(), running);
        Assert.Equal(expected, running.Items);
    }
}
