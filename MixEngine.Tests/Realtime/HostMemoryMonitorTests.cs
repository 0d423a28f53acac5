using MixEngine.Realtime;

namespace MixEngine.Tests.Realtime;

/// <summary><see cref="HostMemoryMonitor"/> against a copy of the DAMON sysfs layout in a temporary directory.</summary>
public sealed class HostMemoryMonitorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("damon-sysfs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text + "\n"); // sysfs values end with a newline
    }

    [Fact]
    public void A_running_physical_memory_monitor_is_described_with_its_sample_interval_and_schemes()
    {
        Write("0/state", "on");
        Write("0/contexts/0/operations", "paddr");
        Write("0/contexts/0/monitoring_attrs/intervals/sample_us", "500000");
        Write("0/contexts/0/schemes/0/action", "pageout");
        Write("0/contexts/0/schemes/1/action", "lru_prio");

        Assert.Equal(["kdamond 0: physical memory (paddr), sampling every 500 ms, schemes: pageout, lru_prio"], HostMemoryMonitor.Running(_root));
    }

    [Fact]
    public void Stopped_monitors_are_left_out_and_running_ones_listed_in_number_order()
    {
        Write("0/state", "off");
        Write("2/state", "on");
        Write("10/state", "on");
        Write("10/contexts/0/operations", "vaddr");
        Write("10/contexts/0/monitoring_attrs/intervals/sample_us", "5000");
        Write("nr_kdamonds", "3");

        Assert.Equal(["kdamond 2", "kdamond 10: process address spaces (vaddr), sampling every 5 ms"], HostMemoryMonitor.Running(_root));
    }

    [Fact]
    public void A_host_without_the_interface_has_no_running_monitor()
    {
        Assert.Empty(HostMemoryMonitor.Running(Path.Combine(_root, "absent")));
        Assert.Empty(HostMemoryMonitor.Running(_root));
    }

    [Fact]
    public void An_unreadable_detail_is_left_out()
    {
        Write("0/state", "on");
        Write("0/contexts/0/operations", "paddr");
        Write("0/contexts/0/monitoring_attrs/intervals/sample_us", "not a number");

        Assert.Equal(["kdamond 0: physical memory (paddr)"], HostMemoryMonitor.Running(_root));
    }
}
