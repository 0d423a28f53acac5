using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Learn straight from a port, without a running surface (<c>mixengine surfaces learn</c>): reads the port until one
/// gesture has been collected (<paramref name="gesture"/> after its first usable message), the port closes, or the
/// timeout passes, and names the control with a <see cref="MappingLearner"/>. Runs on the caller's thread and the
/// port's reader task.
/// </summary>
public static class PortLearn
{
    /// <summary>The control moved on <paramref name="port"/>, or null when none was seen before the port closed or <paramref name="timeout"/> passed.</summary>
    public static async Task<MidiBinding?> RunAsync(IMidiPort port, RelativeEncoding relative, TimeSpan gesture, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sink = new Sink(new MappingLearner(relative));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = new MidiPortReader(port, sink).RunAsync(stop.Token);
        var waited = Task.Delay(timeout, stop.Token);
        if (await Task.WhenAny(reading, sink.FirstMessage.Task, waited) == sink.FirstMessage.Task)
            await Task.WhenAny(reading, Task.Delay(gesture, stop.Token));
        await stop.CancelAsync();
        lock (sink) return sink.Learner.Result();
    }

    private sealed class Sink(MappingLearner learner) : IMidiSink
    {
        public MappingLearner Learner { get; } = learner;

        public TaskCompletionSource FirstMessage { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnMessage(MidiMessage message)
        {
            lock (this)
                if (Learner.Add(message) && Learner.Count > 0) FirstMessage.TrySetResult();
        }

        public void OnSysEx(ReadOnlySpan<byte> sysEx)
        {
        }

        public void OnMalformed(MidiFault fault)
        {
        }
    }
}
