using MixEngine.ControlPlane;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Which strips a <see cref="MappedSurface"/> shows and what each control drives now (docs/surfaces.md, Layouts, Spill,
/// Attention): the view is every strip in catalog order, a session layout, or the members of a spilled VCA or bus; the
/// bank windows it; the attention strip is the last selected one. Every member runs under the surface's lock.
/// </summary>
public sealed partial class MappedSurface
{
    private IReadOnlyList<Session.ParameterDescriptor> _source = [];
    private IReadOnlyList<SurfaceStrip> _strips = [];
    private readonly Dictionary<string, int> _stripByPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _parametersOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);
    private IReadOnlyList<StripLayout> _layouts = [];
    private readonly List<int> _view = [];
    private readonly List<string> _selected = [];
    private string? _layout;
    private (string Strip, string? Layout, int Offset)? _spill;
    private int _softKeyPage;

    /// <summary>The layout shown (null: every strip); any thread.</summary>
    public string? Layout
    {
        get { lock (_gate) return _layout; }
    }

    /// <summary>The VCA or bus whose members are spilled, or null; any thread.</summary>
    public string? Spilled
    {
        get { lock (_gate) return _spill?.Strip; }
    }

    /// <summary>Selected strips (address prefixes), oldest first; the last is the attention strip. Any thread.</summary>
    public IReadOnlyList<string> Selected
    {
        get { lock (_gate) return [.. _selected]; }
    }

    /// <summary>The strips in the bank window, left to right (address prefixes; empty string for a blank slot); any thread.</summary>
    public IReadOnlyList<string> Shown
    {
        get
        {
            lock (_gate) return [.. Enumerable.Range(1, _profile.Strips).Select(slot => StripAt(slot)?.Prefix ?? "")];
        }
    }

    /// <summary>The current soft-key page (0-based); any thread.</summary>
    public int SoftKeyPage
    {
        get { lock (_gate) return _softKeyPage; }
    }

    private string ViewName => _spill is { } s ? $"spill {s.Strip}" : _layout ?? "all strips";

    private void MarkDirty()
    {
        lock (_gate) _dirty = true;
    }

    /// <summary>Rebuilds the strip list after a session edit (view and bank re-clamp, gone strips leave the selection).</summary>
    private void RefreshStrips()
    {
        _source = _control.Descriptors;
        _strips = SurfaceStrip.From(_control);
        _stripByPrefix.Clear();
        for (int i = 0; i < _strips.Count; i++) _stripByPrefix[_strips[i].Prefix] = i;
        _parametersOf.Clear();
        _addresses.Clear();
        foreach (var d in _source)
        {
            string address = d.Address.ToString();
            _addresses.Add(address);
            string prefix = address[..^(d.Address.Parameter.Length + 1)];
            if (!_parametersOf.TryGetValue(prefix, out var list)) _parametersOf[prefix] = list = [];
            list.Add(d.Address.Parameter);
        }
        _layouts = _control.Layouts;
        if (_layout is { } l && !_layouts.Any(x => x.Name == l)) _layout = null;
        if (_spill is { } s && !_stripByPrefix.ContainsKey(s.Strip)) _spill = null;
        _selected.RemoveAll(p => !_stripByPrefix.ContainsKey(p));
        RebuildView();
    }

    /// <summary>Recomputes the view's strips, re-clamps the bank and retargets every control.</summary>
    private void RebuildView()
    {
        _view.Clear();
        IEnumerable<string> prefixes = _spill is { } s ? Members(s.Strip)
            : _layout is { } l ? _layouts.First(x => x.Name == l).Strips
            : _strips.Select(x => x.Prefix);
        foreach (string p in prefixes)
            if (_stripByPrefix.TryGetValue(p, out int index)) _view.Add(index);
        Bank.SetStripCount(_view.Count);
        Retarget();
    }

    private IReadOnlyList<string> Members(string strip)
    {
        try
        {
            return _control.MembersOf(strip);
        }
        catch (Session.ParameterAddressException)
        {
            return [];
        }
    }

    /// <summary>Resolves what every control drives now (after a bank, view, selection or attention change).</summary>
    private void Retarget()
    {
        string? attention = _selected.Count > 0 ? _selected[^1] : null;
        Attention.Layout(attention is not null && _parametersOf.TryGetValue(attention, out var ps) ? ps : [], _profile.AttentionSlots);
        if (_targets.Length != _profile.Controls.Count)
        {
            _targets = new ParameterHandle?[_profile.Controls.Count];
            _sent = new int[_profile.Controls.Count];
            Array.Fill(_sent, -1);
        }
        for (int i = 0; i < _targets.Length; i++)
        {
            var action = _profile.Controls[i].Action;
            string? address = action.Kind switch
            {
                MappingActionKind.Parameter => action.Parameter,
                MappingActionKind.StripParameter => StripAt(action.Slot) is { } strip ? $"{strip.Prefix}/{action.Parameter}" : null,
                MappingActionKind.SelectedParameter => attention is null ? null : $"{attention}/{action.Parameter}",
                MappingActionKind.Attention => attention is not null && Attention.ParameterAt(action.Slot) is { } p ? $"{attention}/{p}" : null,
                _ => null,
            };
            var target = address is not null && _addresses.Contains(address) ? _control.Resolve(address) : (ParameterHandle?)null;
            if (_targets[i]?.Slot != target?.Slot && _held.Remove(i, out var held))
            {
                EndTouch(held);
                _touches.Explicit(i, touched: false);
            }
            _targets[i] = target;
        }
        _dirty = true;
    }

    /// <summary>The strip in 1-based surface <paramref name="slot"/>, or null for a blank slot.</summary>
    private SurfaceStrip? StripAt(int slot)
    {
        int index = Bank.StripAt(slot);
        return index < 0 || index >= _view.Count ? null : _strips[_view[index]];
    }

    /// <summary>Makes <paramref name="prefix"/> the only selected strip (select-by-touch).</summary>
    private void SelectOnly(string prefix)
    {
        if (_selected.Count == 1 && _selected[0] == prefix) return;
        _selected.Clear();
        _selected.Add(prefix);
        Retarget();
    }

    private void ToggleSelected(string prefix)
    {
        if (!_selected.Remove(prefix)) _selected.Add(prefix);
        Retarget();
    }

    private void ShowLayout(string? name)
    {
        if (name is not null && !_layouts.Any(l => l.Name == name))
        {
            _log.Warn("layout", "mapped surface {Port}: no layout '{Layout}' in the session; layouts: {Layouts}", _port.Id, name, string.Join(", ", _layouts.Select(l => l.Name)));
            return;
        }
        _spill = null;
        _layout = name;
        Bank.MoveStrips(-Bank.Offset);
        RebuildView();
    }

    private void StepLayout(int step)
    {
        int count = _layouts.Count + 1; // position 0 = every strip
        int current = _layout is null ? 0 : 1 + _layouts.ToList().FindIndex(l => l.Name == _layout);
        int next = ((current + step) % count + count) % count;
        ShowLayout(next == 0 ? null : _layouts[next - 1].Name);
    }

    private void Spill(string? strip)
    {
        if (strip is null) return;
        var members = Members(strip);
        if (members.Count == 0)
        {
            _log.Info("spill", "mapped surface {Port}: {Strip} has no members to spill", _port.Id, strip);
            return;
        }
        _spill = (strip, _layout, _spill?.Offset ?? Bank.Offset);
        Bank.MoveStrips(-Bank.Offset);
        RebuildView();
    }

    private void Unspill()
    {
        if (_spill is not { } s) return;
        _spill = null;
        _layout = s.Layout;
        RebuildView();
        Bank.MoveStrips(s.Offset - Bank.Offset);
        Retarget();
    }
}
