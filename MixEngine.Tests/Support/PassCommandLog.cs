using System.Collections.Concurrent;
using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>
/// A pass sink that records the pass commands the engine stamped (Preview, Capture, Write-To …), in the order they took
/// effect, for tests of the adapters that send them; waits for a condition instead of a fixed time. Any thread.
/// </summary>
internal sealed class PassCommandLog : IPassSink
{
    private readonly ConcurrentQueue<PassCommand> _commands = new();

    /// <summary>The commands received so far, oldest first.</summary>
    public IReadOnlyList<PassCommand> Commands => [.. _commands];

    /// <summary>Waits up to 10 s until <paramref name="count"/> commands have arrived; returns them (fewer when the time ran out).</summary>
    public IReadOnlyList<PassCommand> WaitFor(int count)
    {
        SpinWait.SpinUntil(() => _commands.Count >= count, TimeSpan.FromSeconds(10));
        return Commands;
    }

    public void OnCommand(long position, PassCommand command) => _commands.Enqueue(command);

    public void OnPassStart(long position, IReadOnlyList<(ParameterAddress Address, double Value)> values)
    {
    }

    public void OnPassEnd(long position)
    {
    }

    public void OnJump(long from, long to)
    {
    }

    public void OnControlMove(in ControlMove move)
    {
    }
}
