using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class RtpMidiPayloadTests
{
    [Fact]
    public void A_short_command_list_has_a_one_byte_header_and_zero_deltas_between_commands()
    {
        var packet = RtpMidiPayload.Encode(sequence: 0x0102, timestamp: 0x0A0B0C0D, ssrc: 0x11223344, midi: [0x90, 0x3C, 0x7F, 0x3D, 0x40, 0xF8]);

        // RTP: V=2 (80), PT 0x61, seq, timestamp, SSRC; then B=J=Z=P=0 with LEN 8, and the list 90 3C 7F | 00 | 3D 40 | 00 | F8.
        Assert.Equal("8061" + "0102" + "0A0B0C0D" + "11223344" + "08" + "903C7F" + "00" + "3D40" + "00" + "F8", Convert.ToHexString(packet));
    }

    [Fact]
    public void A_long_command_list_uses_the_12_bit_length()
    {
        var midi = Enumerable.Range(0, 6).SelectMany(i => new byte[] { 0xB0, (byte)i, 0x10 }).ToArray();

        var packet = RtpMidiPayload.Encode(1, 0, 0, midi);

        int length = 6 * 3 + 5;
        Assert.Equal(0x80 | length >> 8, packet[12]);
        Assert.Equal(length & 0xFF, packet[13]);
        Assert.Equal(14 + length, packet.Length);
    }

    [Fact]
    public void Decoding_drops_delta_times_and_keeps_running_status_and_SysEx()
    {
        var midi = new byte[] { 0x90, 0x3C, 0x7F, 0x3D, 0x40, 0xF0, 0x00, 0x00, 0x66, 0x14, 0x00, 0xF7, 0xE0, 0x00, 0x60 };
        var received = new List<byte>();

        var (ssrc, sequence) = RtpMidiPayload.Decode(RtpMidiPayload.Encode(7, 99, 0xCAFE, midi), received);

        Assert.Equal(midi, received);
        Assert.Equal((0xCAFEu, (ushort)7), (ssrc, sequence));
    }

    [Fact]
    public void A_first_delta_time_and_multi_byte_deltas_are_skipped()
    {
        // Z=1: delta (81 00 = 128 ticks) before the first command, then a 1-byte delta 05.
        var packet = Convert.FromHexString("80610001000000000000000109" + "8100" + "903C7F" + "05" + "803C00");
        packet[12] = 0x20 | 9;
        var received = new List<byte>();

        RtpMidiPayload.Decode(packet, received);

        Assert.Equal(new byte[] { 0x90, 0x3C, 0x7F, 0x80, 0x3C, 0x00 }, received);
    }

    [Theory]
    [InlineData("40610001000000000000000103903C7F", "RTP version 1")]
    [InlineData("80610001000000000000000105903C7F", "runs past the end")]
    [InlineData("806100010000000000000001023C7F", "no running status")]
    [InlineData("80610001000000000000000102903C", "cut off")]
    [InlineData("806100010000000000000001", "at least 13 bytes")]
    public void Malformed_data_packets_name_the_fault(string hex, string problem)
    {
        var error = Assert.Throws<FormatException>(() => RtpMidiPayload.Decode(Convert.FromHexString(hex), []));
        Assert.Contains(problem, error.Message);
    }
}
