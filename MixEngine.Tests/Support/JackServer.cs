using System.Diagnostics;

namespace MixEngine.Tests.Support;

/// <summary>
/// A private jackd for one test: the dummy backend (no audio hardware), no realtime scheduling, synchronous mode (the
/// server waits for every client each cycle, so a client starved by a loaded machine makes the cycle late instead of
/// dropping its period from the graph, and recordings stay sample-exact), a 5 s client timeout (jackd -t; a client that a
/// loaded machine starved for longer than the default would be dropped, ending a recording early), under a server name
/// no other running server has, so tests (and other test runs on the machine) never share a server. Peer clients
/// (jack-record, jack_lsp) get the name through JACK_DEFAULT_SERVER. <see cref="Kill"/> and <see cref="Start"/>
/// simulate a server restart; <see cref="Dispose"/> stops jackd with SIGTERM so it leaves JACK's registry clean.
/// <para>JACK keeps at most 8 servers in its shared-memory registry, and the entry of a killed server is reclaimed only
/// by a server of the same name; so the names are a small fixed set ("mixtest-0" … "mixtest-7"), tried in turn until
/// one is free, instead of ever-new names that would fill the registry with dead entries.</para>
/// </summary>
public sealed class JackServer : IDisposable
{
    private const int Names = 8;
    private Process? _jackd;

    /// <summary>Starts jackd at <paramref name="sampleRate"/> Hz with <paramref name="period"/>-frame periods under the first free name.</summary>
    public JackServer(int sampleRate = 48000, int period = 256)
    {
        SampleRate = sampleRate;
        Period = period;
        var failures = new List<string>();
        for (int i = 0; i < Names; i++)
        {
            // Short on purpose: jack_lsp of JACK 1.9.21 aborts on some longer server names (seen at 24 characters).
            Name = $"mixtest-{i}";
            if (Ports().Count > 0) continue; // another test's server
            try
            {
                Start();
                return;
            }
            catch (InvalidOperationException e)
            {
                failures.Add(e.Message);
            }
        }
        throw new InvalidOperationException($"no jackd could be started: {string.Join("; ", failures)}");
    }

    /// <summary>The server name (jackd -n).</summary>
    public string Name { get; private set; } = "";

    /// <summary>The server's rate.</summary>
    public int SampleRate { get; }

    /// <summary>The server's period in frames.</summary>
    public int Period { get; }

    /// <summary>Starts jackd and waits (up to 10 s) until a client can list its ports.</summary>
    public void Start()
    {
        if (_jackd is { HasExited: false }) throw new InvalidOperationException($"jackd '{Name}' is already running");
        var psi = new ProcessStartInfo(PeerTools.Find("jackd") ?? "jackd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", Name, "--no-realtime", "--sync", "-t", "5000", "-d", "dummy", "-r", SampleRate.ToString(), "-p", Period.ToString() })
            psi.ArgumentList.Add(a);
        _jackd = Process.Start(psi) ?? throw new InvalidOperationException("could not start jackd");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _jackd.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _jackd.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _jackd.BeginOutputReadLine();
        _jackd.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (Ports().Count == 0)
        {
            if (_jackd.HasExited)
            {
                _jackd.WaitForExit();
                throw new InvalidOperationException($"jackd '{Name}' exited with {_jackd.ExitCode} while starting: {string.Join(" / ", output.Where(l => !l.StartsWith("Copyright") && !l.StartsWith("jackd")))}");
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Kill();
                throw new TimeoutException($"jackd '{Name}' did not come up in 10 s");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills jackd with SIGKILL (no goodbye to its clients) and waits for it to exit.</summary>
    public void Kill()
    {
        if (_jackd is null || _jackd.HasExited) return;
        _jackd.Kill();
        _jackd.WaitForExit();
    }

    /// <summary>Full names of the server's ports (jack_lsp), empty when it does not answer.</summary>
    public List<string> Ports()
    {
        var (exit, stdout, _) = Run("jack_lsp", "-s", Name);
        return exit == 0 ? stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
    }

    /// <summary>The ports <paramref name="port"/> is connected to (jack_lsp -c).</summary>
    public List<string> ConnectionsOf(string port)
    {
        var (_, stdout, _) = Run("jack_lsp", "-s", Name, "-c", port);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()).ToList();
    }

    /// <summary>Starts a peer client with JACK_DEFAULT_SERVER set to this server.</summary>
    public Process StartClient(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(PeerTools.Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["JACK_DEFAULT_SERVER"] = Name;
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops jackd with SIGTERM (SIGKILL after 5 s), so it removes itself from JACK's registry.</summary>
    public void Dispose()
    {
        if (_jackd is { HasExited: false } jackd)
        {
            SendSignal(jackd.Id, SigTerm);
            if (!jackd.WaitForExit(5000)) Kill();
        }
        _jackd?.Dispose();
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private (int, string, string) Run(string tool, params string[] args)
    {
        using var p = StartClientForOutput(tool, args);
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr);
    }

    private Process StartClientForOutput(string tool, string[] args)
    {
        var psi = new ProcessStartInfo(PeerTools.Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["JACK_DEFAULT_SERVER"] = Name;
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
    }
}
