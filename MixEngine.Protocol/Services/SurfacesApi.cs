using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.SurfacesService</c>: a thin adapter over <see cref="ISurfaceMappings"/> (the mapped surfaces of
/// <c>serve --map</c>): lists them, runs learn with a timeout, saves profiles. An empty port means the only surface.
/// Request threads, concurrently.
/// </summary>
public sealed class SurfacesApi(ISurfaceMappings mappings) : SurfacesService.SurfacesServiceBase
{
    private static readonly TimeSpan DefaultLearnTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public override Task<ListMappedSurfacesResponse> ListMappedSurfaces(ListMappedSurfacesRequest request, ServerCallContext context)
    {
        var response = new ListMappedSurfacesResponse();
        response.Surfaces.AddRange(mappings.Surfaces.Select(s => new MappedSurfaceInfo
        {
            Port = s.Port, ProfileName = s.ProfileName, ProfilePath = s.ProfilePath ?? "", Controls = (uint)s.Controls,
        }));
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override async Task<LearnResponse> Learn(LearnRequest request, ServerCallContext context)
    {
        if (request.Target.Length == 0) throw new ArgumentException("target: empty; expected a target (strip/1/fader) or a command (transport/play)");
        var timeout = request.TimeoutMs == 0 ? DefaultLearnTimeout : TimeSpan.FromMilliseconds(request.TimeoutMs);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var learned = await mappings.LearnAsync(Port(request.Port), request.Target, request.Name.Length > 0 ? request.Name : null,
                request.Relative.Length > 0 ? request.Relative : null, limit.Token);
            return new LearnResponse { Port = learned.Port, Midi = learned.Midi, Target = learned.Target, ControlJson = learned.ControlJson };
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"no control was moved on the surface within {timeout.TotalMilliseconds:0} ms; learn disarmed"));
        }
    }

    /// <inheritdoc/>
    public override Task<SaveProfileResponse> SaveProfile(SaveProfileRequest request, ServerCallContext context) =>
        Task.FromResult(new SaveProfileResponse { Path = mappings.SaveProfile(Port(request.Port)) });

    private string Port(string port)
    {
        if (port.Length > 0)
        {
            if (mappings.Surfaces.Any(s => s.Port == port)) return port;
            throw new RpcException(new Status(StatusCode.NotFound, $"port: no mapped surface on '{port}'; mapped: " +
                (mappings.Surfaces.Count == 0 ? "none" : string.Join(", ", mappings.Surfaces.Select(s => s.Port)))));
        }
        return mappings.Surfaces.Count switch
        {
            1 => mappings.Surfaces[0].Port,
            0 => throw new InvalidOperationException("this server drives no mapped surface; start serve with --map PORT=PROFILE"),
            _ => throw new ArgumentException($"port: empty, but {mappings.Surfaces.Count} surfaces are mapped; name one of {string.Join(", ", mappings.Surfaces.Select(s => s.Port))}"),
        };
    }
}
