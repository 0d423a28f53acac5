using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The control plane's parameter table for one session: every catalog parameter with the engine slot it travels in.
/// A slot is keyed by the parameter's stable id form (<c>track#dx1/fader</c>, sends by bus id), so it keeps meaning
/// the same parameter across renames and structural edits: <see cref="Next"/> keeps the slot of every parameter that
/// still exists, gives new parameters fresh slots and leaves the slots of removed ones empty (never reused).
/// Immutable after construction; built on a control thread, read by any.
/// </summary>
internal sealed class ParameterSlots
{
    private readonly Dictionary<string, int> _slotByKey;
    private readonly Dictionary<string, int> _slotByName;
    private readonly ParameterDescriptor?[] _bySlot;
    private readonly double[] _sessionValues;

    private ParameterSlots(MixSession session, ParameterCatalog catalog, Dictionary<string, int> slotByKey, int capacity)
    {
        Session = session;
        Catalog = catalog;
        _slotByKey = slotByKey;
        _bySlot = new ParameterDescriptor?[capacity];
        _sessionValues = new double[capacity];
        _slotByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = Keys(session, catalog);
        for (int i = 0; i < keys.Length; i++)
        {
            int slot = slotByKey[keys[i]];
            var setting = catalog.Parameters[i];
            _bySlot[slot] = setting.Descriptor;
            _sessionValues[slot] = setting.Value;
            _slotByName[setting.Descriptor.Address.ToString()] = slot;
            UsedSlots = Math.Max(UsedSlots, slot + 1);
        }
        Descriptors = catalog.Parameters.Select(p => p.Descriptor).ToArray();
    }

    /// <summary>The session the table was built from.</summary>
    public MixSession Session { get; }

    /// <summary>The session's parameter catalog.</summary>
    public ParameterCatalog Catalog { get; }

    /// <summary>Descriptors in catalog order.</summary>
    public IReadOnlyList<ParameterDescriptor> Descriptors { get; }

    /// <summary>One more than the highest slot in use (slots of removed parameters included).</summary>
    public int UsedSlots { get; private set; }

    /// <summary>Slot capacity (the engine's).</summary>
    public int Capacity => _bySlot.Length;

    /// <summary>The table of a first session: slots in catalog order, as the realtime engine numbers them.</summary>
    public static ParameterSlots First(MixSession session, int capacity)
    {
        var catalog = ParameterCatalog.For(session);
        var keys = Keys(session, catalog);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++) slots[keys[i]] = i;
        return new ParameterSlots(session, catalog, slots, capacity);
    }

    /// <summary>
    /// The table of an edited session: parameters with the same id-form key keep their slot; new ones get slots after
    /// every slot used so far. Throws <see cref="InvalidOperationException"/> when the engine's slots run out.
    /// </summary>
    public ParameterSlots Next(MixSession edited)
    {
        var catalog = ParameterCatalog.For(edited);
        var keys = Keys(edited, catalog);
        var slots = new Dictionary<string, int>(_slotByKey, StringComparer.Ordinal);
        int next = UsedSlots;
        foreach (string key in keys)
        {
            if (slots.ContainsKey(key)) continue;
            if (next >= Capacity)
                throw new InvalidOperationException($"the edit adds parameter '{key}' but all {Capacity} engine parameter slots are used; restart the engine with more slot headroom");
            slots[key] = next++;
        }
        var table = new ParameterSlots(edited, catalog, slots, Capacity);
        table.UsedSlots = Math.Max(table.UsedSlots, next);
        return table;
    }

    /// <summary>
    /// The same table over <paramref name="session"/>, which must have the same parameters (an automation or mode change:
    /// neither adds nor removes a parameter), so slots, descriptors and session values stay as they are.
    /// </summary>
    public ParameterSlots WithSession(MixSession session) => new(this, session);

    private ParameterSlots(ParameterSlots table, MixSession session)
    {
        Session = session;
        Catalog = table.Catalog;
        _slotByKey = table._slotByKey;
        _slotByName = table._slotByName;
        _bySlot = table._bySlot;
        _sessionValues = table._sessionValues;
        Descriptors = table.Descriptors;
        UsedSlots = table.UsedSlots;
    }

    /// <summary>The descriptor of the parameter in <paramref name="slot"/>, or null when the slot is empty.</summary>
    public ParameterDescriptor? DescriptorOf(int slot) => (uint)slot < (uint)_bySlot.Length ? _bySlot[slot] : null;

    /// <summary>The parameter's value in <see cref="Session"/>, by slot.</summary>
    public double SessionValue(int slot) => _sessionValues[slot];

    /// <summary>Resolves an address (name or id form) to its slot and descriptor; throws <see cref="ParameterAddressException"/> naming the address.</summary>
    public ParameterHandle Resolve(string address)
    {
        var setting = Catalog.Find(address);
        return new ParameterHandle(_slotByName[setting.Descriptor.Address.ToString()], setting.Descriptor);
    }

    /// <summary>The handle of a name-form address the table holds, or null.</summary>
    public ParameterHandle? TryResolve(string nameForm) =>
        _slotByName.TryGetValue(nameForm, out int slot) && _bySlot[slot] is { } descriptor ? new ParameterHandle(slot, descriptor) : null;

    /// <summary>The name-form address of every slot up to <see cref="UsedSlots"/> (null when empty), for the engine's plan installation.</summary>
    public string?[] SlotAddresses()
    {
        var addresses = new string?[UsedSlots];
        for (int i = 0; i < addresses.Length; i++) addresses[i] = _bySlot[i]?.Address.ToString();
        return addresses;
    }

    /// <summary>The stable key of every catalog parameter, in catalog order: scope#id/parameter with sends by bus id.</summary>
    private static string[] Keys(MixSession session, ParameterCatalog catalog)
    {
        var trackIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in session.Tracks) trackIds.TryAdd(t.Name, t.Id);
        var busIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in session.Buses) busIds.TryAdd(b.Name, b.Id);
        var vcaIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in session.Vcas) vcaIds.TryAdd(v.Name, v.Id);
        var keys = new string[catalog.Parameters.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            var a = catalog.Parameters[i].Descriptor.Address;
            var ids = a.Scope switch { ParameterScope.Track => trackIds, ParameterScope.Bus => busIds, _ => vcaIds };
            string parameter = a.Parameter;
            if (parameter.StartsWith("send/", StringComparison.Ordinal))
            {
                var segments = parameter.Split('/');
                segments[1] = "#" + busIds.GetValueOrDefault(segments[1], segments[1]);
                parameter = "send" + segments[1] + "/" + string.Join('/', segments.Skip(2));
            }
            keys[i] = new ParameterAddress(a.Scope, ids.GetValueOrDefault(a.Target, a.Target), true, parameter).ToString();
        }
        return keys;
    }
}
