namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The Mackie Control / Logic Control connection handshake (spec surfaces.md §1.2-§1.3; Logic Control documentation as
/// retold in NicoG60/TouchMCU <c>doc/mackie_control_protocol.md</c>, "Response code algorithm"): the host sends Device
/// Query (cmd 00); the unit answers, and also announces itself at power-on, with Host Connection Query (cmd 01: 7 serial
/// bytes + 4 challenge bytes); the host answers Host Connection Reply (cmd 02: the serial + 4 response bytes computed
/// from the challenge); the unit confirms (cmd 03 + serial) or reports an error (cmd 04 + serial). Only a genuine Logic
/// Control (device 10/11) checks the response; MCU units (14/15) accept any reply. Pure; any thread.
/// </summary>
public static class McuHandshake
{
    /// <summary>Host Connection Query (unit → host).</summary>
    public const byte ConnectionQuery = 0x01;
    /// <summary>Host Connection Reply (host → unit).</summary>
    public const byte ConnectionReply = 0x02;
    /// <summary>Host Connection Confirmation (unit → host).</summary>
    public const byte ConnectionConfirmation = 0x03;
    /// <summary>Host Connection Error (unit → host).</summary>
    public const byte ConnectionError = 0x04;
    /// <summary>Bytes of a unit's serial number.</summary>
    public const int SerialLength = 7;
    /// <summary>Bytes of a challenge or response.</summary>
    public const int ChallengeLength = 4;

    /// <summary>
    /// The response to challenge c0..c3, each byte masked to 7 bits: r0 = c0 + (c1 xor 0A) − c3; r1 = (c2 >> 4) xor (c0 + c3);
    /// r2 = (c3 − (c2 << 2)) xor (c0 or c1); r3 = c1 − c2 + (F0 xor (c3 << 4)). Throws <see cref="ArgumentException"/> unless 4 bytes.
    /// </summary>
    public static byte[] Response(ReadOnlySpan<byte> challenge)
    {
        if (challenge.Length != ChallengeLength) throw new ArgumentException($"a Logic Control challenge is {ChallengeLength} bytes, got {challenge.Length}", nameof(challenge));
        int c0 = challenge[0], c1 = challenge[1], c2 = challenge[2], c3 = challenge[3];
        return
        [
            (byte)((c0 + (c1 ^ 0x0A) - c3) & 0x7F),
            (byte)(((c2 >> 4) ^ (c0 + c3)) & 0x7F),
            (byte)(((c3 - (c2 << 2)) ^ (c0 | c1)) & 0x7F),
            (byte)((c1 - c2 + (0xF0 ^ (c3 << 4))) & 0x7F),
        ];
    }

    /// <summary>Reads the parameters of a Host Connection Query (cmd 01): false unless exactly 7 serial + 4 challenge bytes.</summary>
    public static bool TryReadQuery(ReadOnlySpan<byte> parameters, out ReadOnlySpan<byte> serial, out ReadOnlySpan<byte> challenge)
    {
        serial = challenge = default;
        if (parameters.Length != SerialLength + ChallengeLength) return false;
        serial = parameters[..SerialLength];
        challenge = parameters[SerialLength..];
        return true;
    }

    /// <summary>The Host Connection Reply (cmd 02) to a unit with <paramref name="serial"/> that sent <paramref name="challenge"/>.</summary>
    public static byte[] Reply(byte device, ReadOnlySpan<byte> serial, ReadOnlySpan<byte> challenge)
    {
        if (serial.Length != SerialLength) throw new ArgumentException($"a Mackie serial number is {SerialLength} bytes, got {serial.Length}", nameof(serial));
        var parameters = new byte[SerialLength + ChallengeLength];
        serial.CopyTo(parameters);
        Response(challenge).CopyTo(parameters, SerialLength);
        return McuSysEx.Build(device, ConnectionReply, parameters);
    }

    /// <summary>A serial number as text for logs: printable ASCII kept, anything else as <c>\xNN</c>.</summary>
    public static string SerialText(ReadOnlySpan<byte> serial)
    {
        var text = new System.Text.StringBuilder(serial.Length);
        foreach (byte b in serial) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        return text.ToString();
    }
}
