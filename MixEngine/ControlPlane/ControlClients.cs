namespace MixEngine.ControlPlane;

/// <summary>
/// The registered control clients and the controls each one holds touched. A control may be touched by several clients
/// at once; each touch is owned by the client that made it and released by it or when it unregisters. Any control
/// thread (one lock; never the audio thread).
/// </summary>
internal sealed class ControlClients
{
    private readonly object _gate = new();
    private readonly Dictionary<int, (string Name, HashSet<int> Touched)> _clients = new();
    private int _lastId;

    /// <summary>Registers a client and returns its new id (never 0, never reused while the process runs).</summary>
    public ControlClientId Register(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            var id = new ControlClientId(++_lastId);
            _clients[id.Value] = (name, new HashSet<int>());
            return id;
        }
    }

    /// <summary>Forgets a client and returns the slots it still held touched; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public int[] Unregister(ControlClientId client)
    {
        lock (_gate)
        {
            if (!_clients.Remove(client.Value, out var entry)) throw Unknown(client);
            return entry.Touched.Order().ToArray();
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="client"/> is registered or <see cref="ControlClientId.None"/>.</summary>
    public void Check(ControlClientId client)
    {
        if (client == ControlClientId.None) return;
        lock (_gate)
            if (!_clients.ContainsKey(client.Value)) throw Unknown(client);
    }

    /// <summary>Marks <paramref name="slot"/> touched by <paramref name="client"/>; false when it already was.</summary>
    public bool Touch(ControlClientId client, int slot)
    {
        lock (_gate) return Entry(client).Touched.Add(slot);
    }

    /// <summary>Releases <paramref name="client"/>'s touch of <paramref name="slot"/>; false when it held none.</summary>
    public bool Release(ControlClientId client, int slot)
    {
        lock (_gate) return Entry(client).Touched.Remove(slot);
    }

    /// <summary>True when any client holds <paramref name="slot"/> touched.</summary>
    public bool IsTouched(int slot)
    {
        lock (_gate) return _clients.Values.Any(c => c.Touched.Contains(slot));
    }

    /// <summary>The name a client registered with.</summary>
    public string NameOf(ControlClientId client)
    {
        lock (_gate) return Entry(client).Name;
    }

    private (string Name, HashSet<int> Touched) Entry(ControlClientId client) =>
        _clients.TryGetValue(client.Value, out var entry) ? entry : throw Unknown(client);

    private static ArgumentException Unknown(ControlClientId client) =>
        new($"control client {client.Value} is not registered (never registered, or unregistered); call RegisterClient first", nameof(client));
}
