using System.Collections;

namespace MixEngine.Session;

/// <summary>
/// The session's markers in timeline order (position, then end, then name), with unique names. Marker numbers are
/// 1-based in that order, as Ardour numbers them for <c>/marker</c>. Edits return a new list and throw
/// <see cref="ArgumentException"/> naming the marker and what was expected, changing nothing. Immutable; any thread.
/// </summary>
public sealed class MarkerList : IReadOnlyList<Marker>
{
    private readonly Marker[] _items;

    private MarkerList(Marker[] sorted) => _items = sorted;

    /// <summary>No markers.</summary>
    public static MarkerList Empty { get; } = new([]);

    /// <summary>The list of <paramref name="markers"/> in timeline order; throws <see cref="ArgumentException"/> for an invalid marker or a name used twice.</summary>
    public static MarkerList From(IEnumerable<Marker> markers)
    {
        var items = markers.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in items)
        {
            if (m.Problem() is { } problem) throw new ArgumentException(problem, nameof(markers));
            if (!names.Add(m.Name)) throw new ArgumentException($"marker name '{m.Name}' is used twice; expected unique marker names", nameof(markers));
        }
        return new MarkerList(Sort(items));
    }

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public Marker this[int index] => _items[index];

    /// <summary>The marker named <paramref name="name"/> (ordinal comparison), or null.</summary>
    public Marker? Find(string name) => Array.Find(_items, m => m.Name == name);

    /// <summary>The marker named <paramref name="name"/>; throws <see cref="MarkerNotFoundException"/> listing the markers when there is none.</summary>
    public Marker Named(string name) =>
        Find(name) ?? throw new MarkerNotFoundException($"no marker named '{name}'; markers: {Names()}", nameof(name));

    /// <summary>The marker numbered <paramref name="number"/> (1-based, timeline order); throws <see cref="MarkerNotFoundException"/> outside 1 … Count.</summary>
    public Marker Numbered(int number) =>
        number >= 1 && number <= _items.Length ? _items[number - 1]
        : throw new MarkerNotFoundException(_items.Length == 0 ? $"marker number {number} does not exist: the session has no markers"
            : $"marker number {number} does not exist; expected 1 … {_items.Length} (timeline order)", nameof(number));

    /// <summary>The 1-based number of the marker named <paramref name="name"/>, or 0 when there is none.</summary>
    public int NumberOf(string name) => Array.FindIndex(_items, m => m.Name == name) + 1;

    /// <summary>The first marker starting strictly after <paramref name="position"/>, or null.</summary>
    public Marker? After(long position) => Array.Find(_items, m => m.Position > position);

    /// <summary>The last marker starting strictly before <paramref name="position"/>, or null.</summary>
    public Marker? Before(long position) => Array.FindLast(_items, m => m.Position < position);

    /// <summary>The markers starting exactly at <paramref name="position"/>.</summary>
    public IReadOnlyList<Marker> StartingAt(long position) => Array.FindAll(_items, m => m.Position == position);

    /// <summary>The list with <paramref name="marker"/> added; throws when it is invalid or its name is taken.</summary>
    public MarkerList With(Marker marker)
    {
        Check(marker);
        if (Find(marker.Name) is not null) throw new ArgumentException($"a marker named '{marker.Name}' exists already; expected a new name (markers: {Names()})", nameof(marker));
        return new MarkerList(Sort([.. _items, marker]));
    }

    /// <summary>The list with the marker named <paramref name="name"/> replaced by <paramref name="changed"/> (renamed, moved, resized, recoloured).</summary>
    public MarkerList Replace(string name, Marker changed)
    {
        var old = Named(name);
        Check(changed);
        if (changed.Name != name && Find(changed.Name) is not null)
            throw new ArgumentException($"cannot rename marker '{name}' to '{changed.Name}': that name is taken; expected a new name", nameof(changed));
        return new MarkerList(Sort([.. _items.Where(m => !ReferenceEquals(m, old)), changed]));
    }

    /// <summary>The list without the marker named <paramref name="name"/>; throws when there is none.</summary>
    public MarkerList Without(string name)
    {
        var old = Named(name);
        return new MarkerList(_items.Where(m => !ReferenceEquals(m, old)).ToArray());
    }

    /// <summary>A name no marker has: "Marker N" with the smallest N from <see cref="Count"/> + 1 up.</summary>
    public string UnusedName()
    {
        for (int n = _items.Length + 1; ; n++)
            if (Find($"Marker {n}") is null) return $"Marker {n}";
    }

    /// <summary>True when both lists hold equal markers.</summary>
    public bool SameAs(MarkerList other) => _items.AsSpan().SequenceEqual(other._items);

    /// <inheritdoc/>
    public IEnumerator<Marker> GetEnumerator() => ((IEnumerable<Marker>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private string Names() => _items.Length == 0 ? "none" : string.Join(", ", _items.Select(m => m.Name));

    private static void Check(Marker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (marker.Problem() is { } problem) throw new ArgumentException(problem, nameof(marker));
    }

    private static Marker[] Sort(Marker[] items) =>
        items.OrderBy(m => m.Position).ThenBy(m => m.End ?? m.Position).ThenBy(m => m.Name, StringComparer.Ordinal).ToArray();
}
