using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class AppleMidiCommandTests
{
    [Fact]
    public void An_invitation_is_signature_command_version_token_ssrc_and_NUL_terminated_name()
    {
        var bytes = new AppleMidiCommand(AppleMidiCommandKind.Invitation, Ssrc: 0x11223344, Token: 0xAABBCCDD, Name: "Mix").Encode();

        Assert.Equal("FFFF494E" + "00000002" + "AABBCCDD" + "11223344" + "4D697800", Convert.ToHexString(bytes));
        Assert.Equal(new AppleMidiCommand(AppleMidiCommandKind.Invitation, 0x11223344, 0xAABBCCDD, "Mix"), AppleMidiCommand.Decode(bytes));
    }

    [Fact]
    public void End_carries_no_name()
    {
        Assert.Equal("FFFF4259" + "00000002" + "00000007" + "00000009",
            Convert.ToHexString(new AppleMidiCommand(AppleMidiCommandKind.End, Ssrc: 9, Token: 7).Encode()));
    }

    [Fact]
    public void Clock_sync_is_36_bytes_with_count_padding_and_three_timestamps()
    {
        var ck = new AppleMidiCommand(AppleMidiCommandKind.ClockSync, 0x01020304, Count: 1, Timestamp1: 0x10, Timestamp2: 0x0A0B0C0D0E0F, Timestamp3: 0);

        var bytes = ck.Encode();

        Assert.Equal("FFFF434B" + "01020304" + "01000000" + "0000000000000010" + "00000A0B0C0D0E0F" + "0000000000000000", Convert.ToHexString(bytes));
        Assert.Equal(ck, AppleMidiCommand.Decode(bytes));
    }

    [Fact]
    public void Receiver_feedback_carries_the_sequence_number()
    {
        var rs = new AppleMidiCommand(AppleMidiCommandKind.ReceiverFeedback, 5, Sequence: 0x1234);
        Assert.Equal("FFFF5253" + "00000005" + "12340000", Convert.ToHexString(rs.Encode()));
        Assert.Equal(rs, AppleMidiCommand.Decode(rs.Encode()));
    }

    [Theory]
    [InlineData("FFFF494E0000000300000000000000014100", "protocol version 3")]
    [InlineData("FFFF434B00000001030000000000000000000000000000000000000000000000000000000000", "count 3")]
    [InlineData("FFFF434B0000000100", "needs 36 bytes")]
    [InlineData("FFFF585800000002", "unknown command 0x5858")]
    [InlineData("80610001", "FF FF signature")]
    public void Malformed_session_packets_name_the_fault(string hex, string problem)
    {
        var error = Assert.Throws<FormatException>(() => AppleMidiCommand.Decode(Convert.FromHexString(hex)));
        Assert.Contains(problem, error.Message);
    }
}
