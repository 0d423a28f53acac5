using System.Collections.Concurrent;
using System.Diagnostics;
using MixEngine.Devices;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

/// <summary>
/// <c>mixengine serve --audio-cpu N [--reserve-audio-cpu]</c> as a separate process on the null device: the pinning is
/// read back from the kernel (/proc/PID/task/TID/status, Cpus_allowed_list) per thread, and a CPU the process may not
/// use is logged by number while serve runs on.
/// </summary>
public sealed class ServeCpuPinningTests
{
    private sealed class Serve : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public Serve(params string[] args)
        {
            var start = new ProcessStartInfo(PeerTools.Find("dotnet") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "MixEngine.Server.dll"), "serve", "--device", "null", "--no-osc", "--grpc", "off", .. args])
                start.ArgumentList.Add(a);
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public string Output => string.Join("\n", _lines);

        public void WaitFor(string text)
        {
            var clock = Stopwatch.StartNew();
            while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (_process.HasExited) throw new InvalidOperationException($"serve exited with {_process.ExitCode} before saying '{text}':\n{Output}");
                if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"serve did not say '{text}' in 120 s:\n{Output}");
                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }

    // Each thread of the process: its name as the kernel keeps it (15 characters) and the CPUs it may run on.
    private static List<(string Name, string Cpus)> Threads(int pid)
    {
        var threads = new List<(string, string)>();
        foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                string cpus = File.ReadLines(Path.Combine(task, "status")).First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();
                threads.Add((name, cpus));
            }
            catch (IOException)
            {
                // the thread ended while being read
            }
        }
        return threads;
    }

    [Fact]
    public void The_audio_thread_and_the_worker_run_on_their_own_cpus_and_every_other_thread_keeps_off_the_audio_cpu()
    {
        var allowed = CpuAffinity.CurrentThreadCpus();
        if (!OperatingSystem.IsLinux() || allowed.Count < 2) return;
        int audio = allowed[^1], worker = allowed[0];
        using var serve = new Serve("--render-threads", "2", "--audio-cpu", $"{audio}", "--reserve-audio-cpu", "--stats", "1");
        serve.WaitFor("Serving session");
        Assert.Contains($"CPU affinity: audio thread: CPU {audio}; worker 1: CPU {worker}", serve.Output);
        Assert.Contains($"CPU affinity: serve's other threads kept off CPU {audio}", serve.Output);
        var threads = Threads(serve.Id);
        string rest = CpuAffinity.FormatList(allowed.Where(c => c != audio).ToArray());
        Assert.Contains(("null device aud", $"{audio}"), threads); // "null device audio", cut to the kernel's 15 characters
        Assert.Contains(("MixEngine rende", $"{worker}"), threads);
        foreach (var (name, cpus) in threads.Where(t => t.Name is not ("null device aud" or "MixEngine rende")))
            Assert.True(cpus == rest, $"thread '{name}' may run on CPUs {cpus}; expected {rest}");
    }

    [Fact]
    public void A_cpu_the_process_may_not_use_is_logged_by_number_and_serve_runs_on_unpinned()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var serve = new Serve("--render-threads", "1", "--audio-cpu", "1000");
        serve.WaitFor("Serving session");
        Assert.Contains("CPU affinity: --audio-cpu 1000: CPU 1000 does not exist or is not one this process may run on (allowed: ", serve.Output);
        Assert.Contains("rendering on unpinned", serve.Output);
        Assert.DoesNotContain("CPU affinity: audio thread", serve.Output);
    }
}
