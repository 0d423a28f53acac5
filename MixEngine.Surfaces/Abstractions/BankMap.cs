namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// Which strips a surface shows: a window of <see cref="BankSize"/> strips starting at <see cref="Offset"/> over the
/// strips it accepts (by kind). Strip ids on the surface ("ssid") are 1-based inside the window, as Ardour's are.
/// Rules: banking moves by whole banks; the offset is clamped to 0 … max(0, count − bank size), so the last bank is
/// a full one ending at the last strip (no partial last bank) and a bank size of 0 shows every strip; the offset is
/// re-clamped whenever the strip count changes (strips removed while banked right never leave the surface blank).
/// <para>Thread rules: not thread-safe; the owning surface serialises access (one lock per surface client). Pure
/// arithmetic, allocates nothing; shared by the OSC and the MIDI surfaces.</para>
/// </summary>
public sealed class BankMap
{
    /// <summary>Strips per bank; 0 means no banking (every strip).</summary>
    public int BankSize { get; private set; }

    /// <summary>Index (0-based, in the accepted strip list) of the strip shown at ssid 1.</summary>
    public int Offset { get; private set; }

    /// <summary>How many strips the surface accepts in total.</summary>
    public int StripCount { get; private set; }

    /// <summary>Strips shown now (the bank size, or fewer when fewer strips exist).</summary>
    public int Visible => BankSize == 0 ? StripCount : Math.Min(BankSize, StripCount);

    /// <summary>True when a bank further right exists.</summary>
    public bool CanBankUp => BankSize > 0 && Offset + BankSize < StripCount;

    /// <summary>True when a bank further left exists.</summary>
    public bool CanBankDown => BankSize > 0 && Offset > 0;

    /// <summary>Sets the bank size (0 = all strips, negative refused) and re-clamps the offset.</summary>
    public void SetBankSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        BankSize = size;
        Offset = Clamp(Offset);
    }

    /// <summary>Sets the number of accepted strips (after a session edit) and re-clamps the offset.</summary>
    public void SetStripCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        StripCount = count;
        Offset = Clamp(Offset);
    }

    /// <summary>Moves the window by <paramref name="banks"/> whole banks (negative = left); true when the offset changed.</summary>
    public bool Move(int banks) => MoveStrips(banks * BankSize);

    /// <summary>Moves the window by <paramref name="strips"/> single strips (an MCU channel key; negative = left), clamped as banks are; true when the offset changed.</summary>
    public bool MoveStrips(int strips)
    {
        if (BankSize == 0) return false;
        int next = Clamp(Offset + strips);
        if (next == Offset) return false;
        Offset = next;
        return true;
    }

    /// <summary>Shows the bank that contains strip <paramref name="index"/>; true when the offset changed.</summary>
    public bool Reveal(int index)
    {
        if (BankSize == 0 || (index >= Offset && index < Offset + BankSize)) return false;
        int next = Clamp(index / BankSize * BankSize);
        if (next == Offset) return false;
        Offset = next;
        return true;
    }

    /// <summary>The strip index shown at 1-based <paramref name="ssid"/>, or −1 when the ssid is outside the window.</summary>
    public int StripAt(int ssid) => ssid >= 1 && ssid <= Visible ? Offset + ssid - 1 : -1;

    /// <summary>The 1-based ssid at which strip <paramref name="index"/> is shown, or 0 when it is not in the window.</summary>
    public int SsidOf(int index) => index >= Offset && index < Offset + Visible ? index - Offset + 1 : 0;

    private int Clamp(int offset) => BankSize == 0 ? 0 : Math.Clamp(offset, 0, Math.Max(0, StripCount - BankSize));
}
