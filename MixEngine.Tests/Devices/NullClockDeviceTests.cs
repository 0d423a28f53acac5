using MixEngine.Devices;
using MixEngine.Realtime;

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

    /// <summary>Records, per call, the monotonic clock and the calling thread's CPU time; stalls once if asked.</summary>
    private sealed class PaceRecorder(int calls, int stallAt = -1, int stallMilliseconds = 0) : IAudioDeviceCallback
    {
        public readonly long[] Start = new long[calls];
        public readonly long[] Cpu = new long[calls];
        public int Calls;

        public void RtRender(double[][] outputs, int frames)
        {
            int n = Calls;
            if (n >= Start.Length) return;
            Start[n] = MonotonicClock.RtNowNanoseconds();
            Cpu[n] = ThreadClock.RtCpuNanoseconds();
            if (n == stallAt) Thread.Sleep(stallMilliseconds);
            Volatile.Write(ref Calls, n + 1);
        }
    }

    private static PaceRecorder Play(int block, PaceRecorder recorder) => Play(block, recorder, out _);

    // Plays `recorder` for its calls at real-time pace; `scheduleStart` is when the device's schedule began.
    private static PaceRecorder Play(int block, PaceRecorder recorder, out long scheduleStart)
    {
        // The recorder's first call must not compile anything: its clock reads (a P/Invoke stub each) and the method itself
        // are prepared here, or the first period's start is late by the compile time (once ~0.9 ms in a CI run) and the
        // next ones look early against it.
        MonotonicClock.RtNowNanoseconds();
        ThreadClock.RtCpuNanoseconds();
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(typeof(PaceRecorder).GetMethod(nameof(PaceRecorder.RtRender))!.MethodHandle);
        using var device = new NullClockDevice(48000, block, NullClockPace.RealTime);
        device.Open(["L"]);
        device.Start(recorder);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref recorder.Calls) == recorder.Start.Length, 10_000));
        device.Stop();
        scheduleStart = device.ScheduleStartNanoseconds;
        return recorder;
    }

    [Fact]
    public void Real_time_pace_never_starts_a_period_before_it_is_due()
    {
        const long period = 1_333_333; // 64 frames at 48 kHz, in ns (a whole-ns due time is never earlier than this many per period)
        var recorder = Play(64, new PaceRecorder(200), out long scheduleStart);
        // Period n is due n periods after the schedule's start (later when a late period restarted it), and the thread
        // waits until its clock reads at least that before calling back: no tolerance is needed. (Measured against the
        // first call instead, a first call preempted for more than the tolerance made the next periods look early.) A
        // clock running 1 % fast would be 2 periods ahead by the end.
        Assert.InRange(scheduleStart, 1, recorder.Start[0]);
        for (int n = 1; n < recorder.Start.Length; n++)
            Assert.True(recorder.Start[n] >= scheduleStart + n * period, $"period {n} started {(scheduleStart + n * period - recorder.Start[n]) / 1000.0} µs before it was due");
    }

    [Fact]
    public void Between_periods_the_audio_thread_sleeps_instead_of_spinning()
    {
        var recorder = Play(128, new PaceRecorder(210));
        double cpu = recorder.Cpu[^1] - recorder.Cpu[10];
        double wall = recorder.Start[^1] - recorder.Start[10];
        // The thread spins the last 100 µs of a 2 667 µs period (3.75 %) plus the wake-up's system calls (3 % measured at a
        // load average of 50); a machine under load only lowers the share (a preempted thread accrues no CPU). A wait that
        // yields through its last 2 ms, as the device did before, spent 17-40 % of the wall time at that load and about
        // 75 % on an idle core.
        Assert.InRange(cpu / wall, 0, 0.15);
    }

    [Fact]
    public void A_late_period_is_counted_and_the_next_periods_are_not_called_back_to_back_to_catch_up()
    {
        const long period = 1_333_333; // 64 frames at 48 kHz, in ns
        var recorder = new PaceRecorder(60, stallAt: 20, stallMilliseconds: 30);
        using var device = new NullClockDevice(48000, 64, NullClockPace.RealTime);
        device.Open(["L"]);
        device.Start(recorder);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref recorder.Calls) == recorder.Start.Length, 10_000));
        device.Stop();
        Assert.InRange(device.LatePeriods, 1, long.MaxValue); // the 30 ms stall is 22 periods long; a loaded machine may add more
        // After the stall the schedule restarts from its end: period 21 starts at once, each later one a period after the
        // previous due time (half a period of tolerance for the clock read before period 21's call), never 22 at once.
        for (int n = 22; n < recorder.Start.Length; n++)
            Assert.True(recorder.Start[n] - recorder.Start[21] >= (n - 21) * period - period / 2, $"period {n} was called back-to-back after the stall");
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
