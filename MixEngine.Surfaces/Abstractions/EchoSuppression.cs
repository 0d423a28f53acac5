namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// A surface client's last-sent cache and held controls: a value is sent only when it differs from what the surface
/// last showed for that element, and never while the surface itself holds the control (a finger on the fader: no
/// other client's value, no automation, no echo). Keys are the surface's own element ids (e.g. slot × 8 + kind), so
/// one parameter shown two ways (fader position and dB) is cached twice. Values the surface sent to us are recorded
/// with <see cref="Received"/>, so they are not echoed back once the touch ends unless the engine changed them (a clamp).
/// <para>Thread rules: not thread-safe; the owning surface client serialises access. Allocates only while the cache
/// grows to the number of elements the surface shows.</para>
/// </summary>
public sealed class EchoSuppression
{
    private readonly Dictionary<int, double> _lastSent = [];
    private readonly HashSet<int> _held = [];

    /// <summary>Relative difference below which two values count as equal (float32 on the wire carries ~7 digits).</summary>
    public const double Tolerance = 1e-6;

    /// <summary>True when <paramref name="value"/> should be sent for <paramref name="key"/> (not held, differs from the last sent); records it as sent.</summary>
    public bool ShouldSend(int key, int heldSlot, double value)
    {
        if (_held.Contains(heldSlot)) return false;
        if (_lastSent.TryGetValue(key, out double last) && Same(last, value)) return false;
        _lastSent[key] = value;
        return true;
    }

    /// <summary>Records a value the surface itself sent for an element, as if it had been shown.</summary>
    public void Received(int key, double value) => _lastSent[key] = value;

    /// <summary>Marks a parameter slot held (touched) by this surface; values for it are withheld until <see cref="Release"/>.</summary>
    public void Hold(int slot) => _held.Add(slot);

    /// <summary>Ends a hold.</summary>
    public void Release(int slot) => _held.Remove(slot);

    /// <summary>True while the surface holds <paramref name="slot"/>.</summary>
    public bool IsHeld(int slot) => _held.Contains(slot);

    /// <summary>Forgets the last-sent value of one element (its next value is sent whatever it is).</summary>
    public void Forget(int key) => _lastSent.Remove(key);

    /// <summary>Forgets every last-sent value (before a full refresh or after a bank change), keeping holds.</summary>
    public void Forget() => _lastSent.Clear();

    private static bool Same(double a, double b) =>
        a == b || (double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= Tolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b))));
}
