using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuHandshakeTests
{
    // A real MCU power-on message quoted in deadtrickster/csurf_klinke_mcu mcu_button_defines.h (spec surfaces.md §1.2):
    // F0 00 00 66 14 01 | serial 58 59 5A 57 18 61 05 | challenge 57 18 61 05 | F7, whose response is 64 5A 5E 57.
    private static readonly byte[] Serial = [0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05];
    private static readonly byte[] Challenge = [0x57, 0x18, 0x61, 0x05];

    [Fact]
    public void The_response_to_the_published_power_on_challenge_is_64_5A_5E_57()
    {
        Assert.Equal("645A5E57", Convert.ToHexString(McuHandshake.Response(Challenge)));
    }

    [Theory]
    // Worked by hand from the formula, each byte masked to 7 bits (negative intermediates wrap as two's complement):
    // 00 00 00 00: r0 = 0 + 0A − 0 = 0A; r1 = 0; r2 = 0; r3 = 0 − 0 + F0 = F0 → 70.
    [InlineData("00000000", "0A000070")]
    // 7F 7F 7F 7F: r0 = 7F + 75 − 7F = 75; r1 = 07 xor FE = F9 → 79; r2 = (7F − 1FC) xor 7F = −17D xor 7F → 03 xor 7F = 7C; r3 = 0 + (F0 xor 7F0) = 700 → 00.
    [InlineData("7F7F7F7F", "75797C00")]
    public void The_response_follows_the_formula_for_edge_challenges(string challenge, string response)
    {
        Assert.Equal(response, Convert.ToHexString(McuHandshake.Response(Convert.FromHexString(challenge))));
    }

    [Fact]
    public void The_reply_repeats_the_serial_and_carries_the_response_byte_exact()
    {
        Assert.Equal("F000006610" + "02" + "58595A57186105" + "645A5E57" + "F7",
            Convert.ToHexString(McuHandshake.Reply(McuSysEx.LogicControl, Serial, Challenge)));
    }

    [Fact]
    public void A_query_with_the_wrong_length_is_not_read_and_a_short_challenge_is_refused_naming_its_length()
    {
        Assert.True(McuHandshake.TryReadQuery([.. Serial, .. Challenge], out var serial, out var challenge));
        Assert.Equal(Serial, serial.ToArray());
        Assert.Equal(Challenge, challenge.ToArray());
        Assert.False(McuHandshake.TryReadQuery(Serial, out _, out _));
        Assert.Contains("got 3", Assert.Throws<ArgumentException>(() => McuHandshake.Response([1, 2, 3])).Message);
    }

    [Fact]
    public void A_serial_prints_as_text_with_unprintable_bytes_in_hex()
    {
        Assert.Equal("XYZW\\x18a\\x05", McuHandshake.SerialText(Serial));
    }
}
