using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>Finds the print that is the dialogue stem, for dialogue-stem-gated loudness. Pure; any thread.</summary>
public static class DialogueStem
{
    private static readonly HashSet<string> DialogueCategories = ["DX", "ADR"];

    /// <summary>
    /// Index in <see cref="MixSession.Outputs"/> of the first print whose bus is fed directly by at least one track and
    /// only by tracks of stem category DX or ADR, or −1 when the render prints no such bus.
    /// </summary>
    public static int FindPrint(MixSession session)
    {
        for (int i = 0; i < session.Outputs.Count; i++)
        {
            var feeders = session.Tracks.Where(t => t.Output == session.Outputs[i].Bus).ToList();
            if (feeders.Count > 0 && feeders.All(t => DialogueCategories.Contains(t.Stem))) return i;
        }
        return -1;
    }
}
