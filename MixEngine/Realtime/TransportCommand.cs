namespace MixEngine.Realtime;

/// <summary>What a <see cref="TransportCommand"/> asks the audio thread to do.</summary>
public enum TransportAction
{
    /// <summary>Start rolling (through the pre-roll).</summary>
    Play,

    /// <summary>Stop; the playhead holds.</summary>
    Stop,

    /// <summary>Move the playhead to <see cref="TransportCommand.A"/>.</summary>
    Locate,

    /// <summary>Loop [<see cref="TransportCommand.A"/>, <see cref="TransportCommand.B"/>); an empty range turns looping off.</summary>
    SetLoop,

    /// <summary>Pre-roll of <see cref="TransportCommand.A"/> samples.</summary>
    SetPreRoll,
}

/// <summary>A transport command as it travels through the command ring: an action and up to two sample positions. Immutable value.</summary>
/// <param name="Action">What to do.</param>
/// <param name="A">First argument (position or length in samples).</param>
/// <param name="B">Second argument (loop end).</param>
public readonly record struct TransportCommand(TransportAction Action, long A = 0, long B = 0)
{
    /// <summary>Applies the command to <paramref name="transport"/>. Audio thread.</summary>
    public void RtApply(Transport transport)
    {
        switch (Action)
        {
            case TransportAction.Play: transport.RtPlay(); break;
            case TransportAction.Stop: transport.RtStop(); break;
            case TransportAction.Locate: transport.RtLocate(A); break;
            case TransportAction.SetLoop: transport.RtSetLoop(A, B); break;
            case TransportAction.SetPreRoll: transport.RtSetPreRoll(A); break;
        }
    }
}
