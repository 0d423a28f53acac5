using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Learn on a running <see cref="MappedSurface"/> (docs/surfaces.md, Learn): armed for one target or command, the
/// surface stops acting on input, collects the next gesture (<see cref="MappedSurfaceOptions.LearnGesture"/> from its
/// first message), names the control with a <see cref="MappingLearner"/>, binds it in the live profile (replacing any
/// control on the same message) and completes the learn with the new control. Every member except the public entry runs
/// under the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    private PendingLearn? _learn;

    /// <summary>
    /// Arms learn: the next control moved on the device is bound to <paramref name="targetOrCommand"/> (a target such as
    /// <c>strip/1/fader</c>, or a command such as <c>transport/play</c>), named <paramref name="name"/> (default: the
    /// target), as a relative encoder in <paramref name="relative"/> style when it turns out to be a 7-bit controller.
    /// Returns the learned control. Throws <see cref="ArgumentException"/> for a target or command that does not parse and
    /// <see cref="InvalidOperationException"/> when a learn is already armed; cancelling disarms. Any control thread.
    /// </summary>
    public Task<MappingControl> LearnAsync(string targetOrCommand, string? name = null, RelativeEncoding relative = RelativeEncoding.None, CancellationToken cancellationToken = default)
    {
        var action = ParseAction(targetOrCommand);
        if (action.Kind == MappingActionKind.Command && relative != RelativeEncoding.None)
            throw new ArgumentException($"'{targetOrCommand}' is a command; a relative encoder cannot run a command", nameof(relative));
        var pending = new PendingLearn(action, name ?? targetOrCommand, new MappingLearner(relative));
        lock (_gate)
        {
            if (_learn is not null) throw new InvalidOperationException($"a learn for '{_learn.Action.Text}' is already armed on {_port.Id}; wait for it or cancel it");
            _learn = pending;
        }
        cancellationToken.Register(() =>
        {
            lock (_gate)
                if (ReferenceEquals(_learn, pending)) _learn = null;
            pending.Completion.TrySetCanceled(cancellationToken);
        });
        _log.Info("learn", "mapped surface {Port}: learn armed for {Target}; move a control", _port.Id, targetOrCommand);
        return pending.Completion.Task;
    }

    /// <summary>
    /// Saves the live profile (with what was learned) to the file it was loaded from (<see cref="MappedSurfaceOptions.ProfilePath"/>)
    /// and returns its path; throws <see cref="InvalidOperationException"/> when the profile is a shipped one. Any control thread.
    /// </summary>
    public string SaveProfile()
    {
        string path = _options.ProfilePath ?? throw new InvalidOperationException(
            $"the profile of {_port.Id} ({Profile.Name}) is a shipped profile; copy it to a file and serve with that file to save learned controls");
        MappingProfileWriter.Save(Profile, path);
        return Path.GetFullPath(path);
    }

    /// <summary>Parses a target (contains a strip, selected, attention or parameter address) or else a command; throws naming both errors.</summary>
    internal static MappingAction ParseAction(string text)
    {
        if (MappingAction.TryParseCommand(text, out var command, out string commandError)) return command;
        if (MappingAction.TryParseTarget(text, out var target, out string targetError)) return target;
        throw new ArgumentException($"'{text}' is neither a target ({targetError}) nor a command ({commandError})", nameof(text));
    }

    private void LearnMessage(MidiMessage message)
    {
        var learn = _learn!;
        if (learn.Learner.Add(message) && learn.Started is null && learn.Learner.Count > 0) learn.Started = Now;
    }

    private void TickLearn(TimeSpan now)
    {
        if (_learn is not { Started: { } started } learn || now - started < _options.LearnGesture) return;
        _learn = null;
        if (learn.Learner.Result() is not { } midi)
        {
            learn.Completion.TrySetException(new InvalidOperationException("learn saw no control message (only releases or messages no control sends); move the control again"));
            return;
        }
        var control = new MappingControl(learn.Name, midi, learn.Action);
        _profile = _profile.With(control);
        _input = new MappingInput(_profile);
        foreach (int key in _touches.ReleaseAll()) EndHeld(key);
        _targets = [];
        Retarget();
        _log.Info("learn", "mapped surface {Port}: {Midi} now drives {Target}", _port.Id, midi.ToString(), learn.Action.Text);
        learn.Completion.TrySetResult(control);
    }

    private sealed class PendingLearn(MappingAction action, string name, MappingLearner learner)
    {
        public MappingAction Action { get; } = action;

        public string Name { get; } = name;

        public MappingLearner Learner { get; } = learner;

        public TimeSpan? Started { get; set; }

        public TaskCompletionSource<MappingControl> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
