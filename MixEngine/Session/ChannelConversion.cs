using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// Up- and down-mix matrices for multichannel sources (LCR, 5.1, 7.1, 7.1.2, 7.1.4, 9.1.6) feeding a bus of another
/// format, by channel label. A source channel whose label exists in the destination goes there at unity; otherwise it
/// follows one fold rule at a time (each −3 dB unless unity is stated) until it reaches labels the destination has:
/// <list type="bullet">
/// <item>C → L and R at −3 dB (destination without a centre).</item>
/// <item>Ls/Rs (5.1 surround) → Lss/Rss at unity when the destination has sides, else → L/R at −3 dB (ITU-R BS.775).</item>
/// <item>Lss/Rss (side) and Lsr/Rsr (rear) → Ls/Rs at −3 dB each (7.1 → 5.1).</item>
/// <item>Lw/Rw (9.1.6 wides) → L/R and Lss/Rss at −3 dB each.</item>
/// <item>Lts/Rts (7.1.2 top) → Ltm/Rtm at unity; else → Ltf/Rtf and Ltr/Rtr at −3 dB each; else → Lss/Rss at −3 dB.</item>
/// <item>Ltm/Rtm → Lts/Rts at unity; else → Ltf/Rtf and Ltr/Rtr at −3 dB each; else → Lss/Rss at −3 dB.</item>
/// <item>Ltf/Rtf → Lts/Rts at −3 dB; else → L/R at −3 dB. Ltr/Rtr → Lts/Rts at −3 dB; else → Lsr/Rsr at −3 dB.</item>
/// <item>LFE → LFE only; dropped when the destination has none.</item>
/// </list>
/// A multichannel source into a mono bus has no defined mix (false). Mono and stereo sources are panned, not
/// converted: for them only the identity (same layout) is defined here. Pure function; any thread; allocates the matrix.
/// </summary>
public static class ChannelConversion
{
    /// <summary>The −3 dB coefficient, √½ (0.7071…).</summary>
    public static readonly double MinusThreeDb = Math.Sqrt(0.5);

    /// <summary>
    /// Builds the matrix (<c>matrix[destChannel][sourceChannel]</c>) that feeds a <paramref name="from"/> source into a
    /// <paramref name="to"/> bus, or returns false when no up/down-mix is defined for the pair. Call on the control side
    /// when building a plan; the matrix is then read-only.
    /// </summary>
    public static bool TryCreate(ChannelLayout from, ChannelLayout to, out double[][] matrix)
    {
        matrix = [];
        bool identity = ReferenceEquals(from, to);
        if (!identity && (from.ChannelCount < 3 || to.ChannelCount < 2)) return false;
        var m = new double[to.ChannelCount][];
        for (int d = 0; d < m.Length; d++) m[d] = new double[from.ChannelCount];
        for (int s = 0; s < from.ChannelCount; s++) Route(from.Labels[s], 1.0, to, m, s);
        matrix = m;
        return true;
    }

    private static void Route(string label, double gain, ChannelLayout to, double[][] m, int source)
    {
        int d = to.IndexOf(label);
        if (d >= 0)
        {
            m[d][source] += gain;
            return;
        }
        foreach (var (next, g) in Fold(label, to)) Route(next, gain * g, to, m, source);
    }

    /// <summary>One fold step for a label the destination lacks; empty means the channel is dropped (LFE only).</summary>
    private static (string Label, double Gain)[] Fold(string label, ChannelLayout to)
    {
        double h = MinusThreeDb;
        bool Has(string l) => to.IndexOf(l) >= 0;
        return label switch
        {
            "LFE" => [],
            "C" => [("L", h), ("R", h)],
            "Ls" => Has("Lss") ? [("Lss", 1.0)] : [("L", h)],
            "Rs" => Has("Rss") ? [("Rss", 1.0)] : [("R", h)],
            "Lss" or "Lsr" => [("Ls", h)],
            "Rss" or "Rsr" => [("Rs", h)],
            "Lw" => [("L", h), ("Lss", h)],
            "Rw" => [("R", h), ("Rss", h)],
            "Lts" => Has("Ltm") ? [("Ltm", 1.0)] : Has("Ltf") ? [("Ltf", h), ("Ltr", h)] : [("Lss", h)],
            "Rts" => Has("Rtm") ? [("Rtm", 1.0)] : Has("Rtf") ? [("Rtf", h), ("Rtr", h)] : [("Rss", h)],
            "Ltm" => Has("Lts") ? [("Lts", 1.0)] : Has("Ltf") ? [("Ltf", h), ("Ltr", h)] : [("Lss", h)],
            "Rtm" => Has("Rts") ? [("Rts", 1.0)] : Has("Rtf") ? [("Rtf", h), ("Rtr", h)] : [("Rss", h)],
            "Ltf" => Has("Lts") ? [("Lts", h)] : [("L", h)],
            "Rtf" => Has("Rts") ? [("Rts", h)] : [("R", h)],
            "Ltr" => Has("Lts") ? [("Lts", h)] : [("Lsr", h)],
            "Rtr" => Has("Rts") ? [("Rts", h)] : [("Rsr", h)],
            _ => throw new InvalidOperationException($"channel label '{label}' has no fold rule"),
        };
    }
}
