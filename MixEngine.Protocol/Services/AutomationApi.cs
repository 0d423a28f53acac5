using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.AutomationService</c>: answers UNIMPLEMENTED naming issue 4 for every RPC until the automation
/// engine (modes, write passes, lane edits through the control plane) lands; the contract is fixed so clients can be
/// written against it. Request threads.
/// </summary>
public sealed class AutomationApi : AutomationService.AutomationServiceBase
{
    private const string Pending = "is not served yet: automation modes and lane edits arrive with the automation engine (issue 4)";

    /// <inheritdoc/>
    public override Task<SetModeResponse> SetMode(SetModeRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"SetMode {Pending}"));

    /// <inheritdoc/>
    public override Task<AutomationLane> GetLane(GetLaneRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"GetLane {Pending}; read lanes from SessionService.GetSession meanwhile"));

    /// <inheritdoc/>
    public override Task<AutomationLane> PutLane(AutomationLane request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"PutLane {Pending}; edit lanes with SessionService.EditSession meanwhile"));
}
