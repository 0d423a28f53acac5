namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// Mackie SysEx framing: <c>F0 00 00 66 dd cmd params F7</c> (00 00 66 = Mackie Designs; dd = device: 05 HUI,
/// 10/11 Logic Control/XT, 14/15 MCU/XT, spec surfaces.md §1.2). Pure; any thread.
/// </summary>
public static class McuSysEx
{
    /// <summary>Device byte of HUI.</summary>
    public const byte Hui = 0x05;
    /// <summary>Device byte of an Emagic Logic Control main unit.</summary>
    public const byte LogicControl = 0x10;
    /// <summary>Device byte of a Logic Control XT extender.</summary>
    public const byte LogicControlXt = 0x11;
    /// <summary>Device byte of a Mackie Control Universal main unit (also X-Touch in MCU mode).</summary>
    public const byte Mcu = 0x14;
    /// <summary>Device byte of an MCU XT extender (also X-Touch Extender).</summary>
    public const byte McuXt = 0x15;

    /// <summary>Length of a message with <paramref name="parameterCount"/> parameter bytes.</summary>
    public static int Length(int parameterCount) => 7 + parameterCount;

    /// <summary>Writes the framed message into <paramref name="destination"/>; returns its length. Parameters must be 00..7F.</summary>
    public static int Write(byte device, byte command, ReadOnlySpan<byte> parameters, Span<byte> destination)
    {
        int length = Length(parameters.Length);
        if (destination.Length < length) throw new ArgumentException($"Mackie SysEx needs {length} bytes, the destination holds {destination.Length}", nameof(destination));
        int bad = parameters.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (bad >= 0) throw new ArgumentException($"Mackie SysEx parameter {bad} is 0x{parameters[bad]:X2}; SysEx data bytes are 00..7F", nameof(parameters));
        destination[0] = 0xF0;
        destination[1] = 0x00;
        destination[2] = 0x00;
        destination[3] = 0x66;
        destination[4] = device;
        destination[5] = command;
        parameters.CopyTo(destination[6..]);
        destination[length - 1] = 0xF7;
        return length;
    }

    /// <summary>The framed message as a new array (for setup messages sent rarely).</summary>
    public static byte[] Build(byte device, byte command, params byte[] parameters)
    {
        var bytes = new byte[Length(parameters.Length)];
        Write(device, command, parameters, bytes);
        return bytes;
    }

    /// <summary>Splits a complete SysEx (F0 … F7) into device, command and parameters; false when it is not Mackie's.</summary>
    public static bool TryParse(ReadOnlySpan<byte> sysEx, out byte device, out byte command, out ReadOnlySpan<byte> parameters)
    {
        device = command = 0;
        parameters = default;
        if (sysEx.Length < 7 || sysEx[0] != 0xF0 || sysEx[1] != 0 || sysEx[2] != 0 || sysEx[3] != 0x66 || sysEx[^1] != 0xF7) return false;
        device = sysEx[4];
        command = sysEx[5];
        parameters = sysEx[6..^1];
        return true;
    }

    /// <summary>Device Query (cmd 00): asks a unit to announce itself (answered by cmd 01).</summary>
    public static byte[] DeviceQuery(byte device) => Build(device, 0x00);

    /// <summary>Channel meter mode (cmd 20) for strip 0..7: bit 0 signal LED, bit 1 peak hold, bit 2 LCD level meter.</summary>
    public static byte[] MeterMode(byte device, int strip, int mode)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)strip, 7u, nameof(strip));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)mode, 7u, nameof(mode));
        return Build(device, 0x20, (byte)strip, (byte)mode);
    }

    /// <summary>Touchless movable faders (cmd 0C): false = moves are sent only while touched, true = always.</summary>
    public static byte[] TouchlessFaders(byte device, bool sendUntouchedMoves) => Build(device, 0x0C, sendUntouchedMoves ? (byte)1 : (byte)0);
}
