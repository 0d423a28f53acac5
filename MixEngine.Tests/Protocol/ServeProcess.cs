using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// A real <c>mixengine serve</c> process (the built MixEngine.Server.dll) on the null device with gRPC on a free
/// loopback port and OSC off (tests run in parallel), for tests that drive it from another process. Killed with its children on dispose.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    /// <summary>Starts <c>serve --device null --no-osc --grpc 127.0.0.1:PORT</c> plus <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public ServeProcess(string workingDirectory, params string[] arguments)
    {
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "MixEngine.Server.dll"), "serve", "--device", "null", "--no-osc", "--grpc", $"127.0.0.1:{Port}", .. arguments])
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _ = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>The gRPC port.</summary>
    public int Port { get; }

    /// <summary>True once the process has ended (a failure to start shows here).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to standard error so far, once it has exited; empty while it runs.</summary>
    public string Errors => _process.HasExited ? _stderr.Result : "";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
