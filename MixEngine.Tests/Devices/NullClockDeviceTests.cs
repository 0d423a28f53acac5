using System.Diagnostics;
using MixEngine.Devices;

namespace MixEngine.Tests.Devices;

public class NullClockDeviceTests
{
    private sealed class Counter : IAudioDeviceCallback
    {
        public long Calls;
        public int Frames;
        public int Ports;
        public int ThreadId;

        public void RtRender(double[][] outputs, int frames)
        {
            Frames = frames;
            Ports = outputs.Length;
            ThreadId = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref Calls);
        }
    }

    [Fact]
    public void Fast_mode_calls_back_with_the_selected_block_size_and_one_buffer_per_port_on_its_own_thread()
    {
        using var device = new NullClockDevice(48000, 128, NullClockPace.AsFastAsPossible);
        device.Open(["L", "R", "C"]);
        var counter = new Counter();
        device.Start(counter);
        while (Interlocked.Read(ref counter.Calls) < 1000) Thread.Yield();
        device.Stop();
        long calls = Interlocked.Read(ref counter.Calls);
        Thread.Sleep(20);
        Assert.Equal(calls, Interlocked.Read(ref counter.Calls)); // Stop returned after the last call
        Assert.Equal(128, counter.Frames);
        Assert.Equal(3, counter.Ports);
        Assert.NotEqual(Environment.CurrentManagedThreadId, counter.ThreadId);
        Assert.Equal(AudioDeviceStatus.Open, device.Status);
    }

    [Fact]
    public void Real_time_pace_never_runs_ahead_of_the_wall_clock()
    {
        using var device = new NullClockDevice(48000, 480, NullClockPace.RealTime);
        device.Open(["L"]);
        var counter = new Counter();
        var clock = Stopwatch.StartNew();
        device.Start(counter);
        Thread.Sleep(300);
        device.Stop();
        double elapsedPeriods = clock.Elapsed.TotalSeconds * 48000 / 480;
        // At most one period per 10 ms of wall clock, plus the first one called at once (a machine under load may run fewer).
        Assert.InRange(Interlocked.Read(ref counter.Calls), 1, (long)elapsedPeriods + 1);
    }

    [Fact]
    public void Starting_an_unopened_device_names_the_device_and_its_state()
    {
        using var device = new NullClockDevice(48000, 64);
        var error = Assert.Throws<AudioDeviceException>(() => device.Start(new Counter()));
        Assert.Contains("null device", error.Message);
        Assert.Contains("Closed", error.Message);
    }

    [Fact]
    public void A_block_size_out_of_range_is_refused_with_the_allowed_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NullClockDevice(48000, 0));
        Assert.Contains("1 … 8192", error.Message);
    }
}
