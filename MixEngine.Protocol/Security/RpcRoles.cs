using MixEngine.Protocol.V1;

namespace MixEngine.Protocol.Security;

/// <summary>
/// The least role each RPC needs (docs/grpc.md, "Roles"), by full method name (<c>/mixengine.v1.MixerService/SetParameter</c>).
/// An RPC missing from the table is refused for everyone (a new RPC stays closed until it is given a role). Immutable; any thread.
/// </summary>
public static class RpcRoles
{
    private static readonly Dictionary<string, Role> Table = Build();

    /// <summary>The role <paramref name="method"/> needs, or null when the method is unknown to the table.</summary>
    public static Role? Required(string method) => Table.TryGetValue(method, out var role) ? role : null;

    /// <summary>Every method with its role (for documentation and the test that every RPC has one).</summary>
    public static IReadOnlyDictionary<string, Role> All => Table;

    private static Dictionary<string, Role> Build()
    {
        var table = new Dictionary<string, Role>(StringComparer.Ordinal);
        void Add(Google.Protobuf.Reflection.ServiceDescriptor service, Role role, params string[] methods)
        {
            foreach (var m in methods)
            {
                if (service.FindMethodByName(m) is null) throw new InvalidOperationException($"{service.FullName} has no method {m}");
                table[$"/{service.FullName}/{m}"] = role;
            }
        }
        Add(MixerServiceReflection.Descriptor.Services[0], Role.Observer, "ListParameters", "GetParameters");
        Add(MixerServiceReflection.Descriptor.Services[0], Role.Mixer, "SetParameter", "SetParameters", "SetStripSwitch", "SetTouch");
        Add(TransportServiceReflection.Descriptor.Services[0], Role.Observer, "GetTransport", "WatchTransport");
        Add(TransportServiceReflection.Descriptor.Services[0], Role.Mixer, "Play", "Stop", "Locate", "SetLoop", "SetPreRoll");
        Add(TransportServiceReflection.Descriptor.Services[0], Role.Admin, "SetRecordPrint");
        Add(EventsServiceReflection.Descriptor.Services[0], Role.Observer, "Subscribe");
        Add(MetersServiceReflection.Descriptor.Services[0], Role.Observer, "StreamMeters");
        Add(SessionServiceReflection.Descriptor.Services[0], Role.Observer, "GetSession", "ListMarkers");
        Add(SessionServiceReflection.Descriptor.Services[0], Role.Mixer, "AddMarker", "UpdateMarker", "RemoveMarker", "UndoMarkerEdit", "RedoMarkerEdit");
        Add(SessionServiceReflection.Descriptor.Services[0], Role.Admin, "LoadSession", "SaveSession", "EditSession", "Undo", "Redo");
        Add(RenderServiceReflection.Descriptor.Services[0], Role.Observer, "ListRenders", "WatchRender", "GetRenderReport");
        Add(RenderServiceReflection.Descriptor.Services[0], Role.Admin, "StartRender", "CancelRender");
        Add(AutomationServiceReflection.Descriptor.Services[0], Role.Observer, "GetLane", "ListLanes");
        Add(AutomationServiceReflection.Descriptor.Services[0], Role.Mixer, "SetMode", "PutLane", "WriteTo", "Glide", "Snapshot", "UndoAutomation", "RedoAutomation", "RunPass", "UndoAutomationPass", "RedoAutomationPass",
            "SetPreview", "SuspendPreview", "PunchPreview", "Capture", "PunchCapture", "WriteToInPass");
        Add(SurfacesServiceReflection.Descriptor.Services[0], Role.Observer, "ListMappedSurfaces");
        Add(SurfacesServiceReflection.Descriptor.Services[0], Role.Mixer, "Learn");
        Add(SurfacesServiceReflection.Descriptor.Services[0], Role.Admin, "SaveProfile");
        return table;
    }
}
