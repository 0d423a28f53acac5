using MixEngine.Automation;
using MixEngine.ControlPlane;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// The commands of a <see cref="MappedSurface"/> (docs/surfaces.md, Commands) and the on/off state their button LEDs
/// show, always read from engine and surface state. Every member runs under the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    private TransportSnapshot? _transport;

    private void TransportChanged(in TransportSnapshot transport)
    {
        lock (_gate)
        {
            bool wasPlaying = _transport is { } t && t.State != TransportState.Stopped;
            _transport = transport;
            if (wasPlaying != (transport.State != TransportState.Stopped)) Render();
        }
    }

    private void Run(MappingAction action)
    {
        switch (action.Command)
        {
            case MappingCommand.Play: _control.Play(Client); break;
            case MappingCommand.Stop: _control.Stop(Client); break;
            case MappingCommand.Rewind: Shuttle(-1); break;
            case MappingCommand.Forward: Shuttle(1); break;
            case MappingCommand.BankNext: MoveBank(() => Bank.Move(1)); break;
            case MappingCommand.BankPrevious: MoveBank(() => Bank.Move(-1)); break;
            case MappingCommand.ChannelNext: MoveBank(() => Bank.MoveStrips(1)); break;
            case MappingCommand.ChannelPrevious: MoveBank(() => Bank.MoveStrips(-1)); break;
            case MappingCommand.Select when StripAt(action.Slot) is { } strip: ToggleSelected(strip.Prefix); break;
            case MappingCommand.AutomationMode: SetAutomation(action.Argument!); break;
            case MappingCommand.AutomationTrim: SetAutomation(null); break;
            case MappingCommand.AttentionEq: Attention.Select(AttentionMode.Eq); Retarget(); break;
            case MappingCommand.AttentionDynamics: Attention.Select(AttentionMode.Dynamics); Retarget(); break;
            case MappingCommand.AttentionNext: Attention.Move(1); Retarget(); break;
            case MappingCommand.AttentionPrevious: Attention.Move(-1); Retarget(); break;
            case MappingCommand.SoftKey: RunSoftKey(action.Slot); break;
            case MappingCommand.SoftKeysNext: StepSoftKeys(1); break;
            case MappingCommand.SoftKeysPrevious: StepSoftKeys(-1); break;
            case MappingCommand.Layout: ShowLayout(action.Argument); break;
            case MappingCommand.LayoutNext: StepLayout(1); break;
            case MappingCommand.LayoutPrevious: StepLayout(-1); break;
            case MappingCommand.LayoutAll: ShowLayout(null); break;
            case MappingCommand.SpillStrip: Spill(StripAt(action.Slot)?.Prefix); break;
            case MappingCommand.SpillSelected: Spill(_selected.Count > 0 ? _selected[^1] : null); break;
            case MappingCommand.SpillBack: Unspill(); break;
        }
        _dirty = true;
    }

    private void RunSoftKey(int key)
    {
        if (_profile.SoftKeys.Count == 0) return;
        var page = _profile.SoftKeys[_softKeyPage];
        if (key > page.Keys.Count)
        {
            _log.Info("softkey", "mapped surface {Port}: soft key {Key} has no command on page {Page}", _port.Id, key, page.Name);
            return;
        }
        Run(page.Keys[key - 1]);
    }

    private void StepSoftKeys(int step)
    {
        int count = _profile.SoftKeys.Count;
        if (count > 0) _softKeyPage = ((_softKeyPage + step) % count + count) % count;
    }

    private void MoveBank(Func<bool> move)
    {
        if (move()) Retarget();
    }

    private void Shuttle(int direction)
    {
        long step = (long)Math.Round(_options.ShuttleSeconds * _sampleRate);
        _control.Locate(Client, Math.Max(0, _control.Transport.Position + direction * step));
    }

    /// <summary>Sets <paramref name="word"/>'s mode on every selected strip (null toggles the trim variant); refusals are logged.</summary>
    private void SetAutomation(string? word)
    {
        if (_selected.Count == 0)
        {
            _log.Info("automation", "mapped surface {Port}: automation command with no strip selected; select a strip first", _port.Id);
            return;
        }
        foreach (string strip in _selected)
        {
            var current = _control.GetAutomationMode(strip);
            var next = word is null ? current with { Trim = !current.Trim } : new AutomationModeSetting(ModeOf(word), current.Trim && word != "off");
            try
            {
                _control.SetAutomationMode(Client, strip, next);
            }
            catch (ArgumentException e)
            {
                _log.Warn("automation", "mapped surface automation command on {Strip} refused: {Error}", strip, e.Message);
            }
        }
    }

    private static AutomationMode ModeOf(string word) => word switch
    {
        "read" => AutomationMode.Read,
        "write" => AutomationMode.Write,
        "touch" => AutomationMode.Touch,
        "latch" => AutomationMode.Latch,
        _ => AutomationMode.Off,
    };

    /// <summary>Whether a command's LED is lit: its state in the engine or on the surface.</summary>
    private bool IsLit(MappingAction action)
    {
        bool playing = _transport is { } t && t.State != TransportState.Stopped;
        AutomationModeSetting? mode = _selected.Count == 0 ? null : _control.GetAutomationMode(_selected[^1]);
        return action.Command switch
        {
            MappingCommand.Play => playing,
            MappingCommand.Stop => !playing,
            MappingCommand.BankNext => Bank.CanBankUp,
            MappingCommand.BankPrevious => Bank.CanBankDown,
            MappingCommand.Select => StripAt(action.Slot) is { } strip && _selected.Contains(strip.Prefix),
            MappingCommand.AutomationMode => mode is { } m && ModeOf(action.Argument!) switch
            {
                AutomationMode.Touch => m.Mode is AutomationMode.Touch or AutomationMode.TouchLatch,
                AutomationMode.Latch => m.Mode is AutomationMode.Latch or AutomationMode.TouchLatch,
                var w => m.Mode == w,
            },
            MappingCommand.AutomationTrim => mode?.Trim == true,
            MappingCommand.AttentionEq => Attention.Mode == AttentionMode.Eq,
            MappingCommand.AttentionDynamics => Attention.Mode == AttentionMode.Dynamics,
            MappingCommand.SoftKey => _profile.SoftKeys.Count > 0 && action.Slot <= _profile.SoftKeys[_softKeyPage].Keys.Count && IsLit(_profile.SoftKeys[_softKeyPage].Keys[action.Slot - 1]),
            MappingCommand.Layout => _spill is null && _layout == action.Argument,
            MappingCommand.LayoutAll => _spill is null && _layout is null,
            MappingCommand.SpillBack => _spill is not null,
            _ => false,
        };
    }
}
