using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// Which prints are deliverables: a printed bus that feeds no other bus (the printmaster), as opposed to the stems
/// that feed it. Delivery specs and dialogue-gated loudness apply to deliverables. Pure; any thread.
/// </summary>
public static class DeliverablePrint
{
    /// <summary>True when bus <paramref name="bus"/> of <paramref name="session"/> feeds no other bus.</summary>
    public static bool Is(MixSession session, string bus) => session.Buses.First(b => b.Id == bus).Output is null;
}
