namespace MixEngine.Devices;

/// <summary>
/// An audio device without hardware: a dedicated high-priority thread calls the callback once per period at real-time
/// pace, for headless servers and tests. Periods are due at exact multiples of the period after a base instant
/// (<see cref="PeriodSchedule"/>, so lateness never accumulates as drift); between periods the thread sleeps on the
/// monotonic clock until just before the next one is due and spins only the last <see cref="SpinMargin"/>
/// (<see cref="MonotonicClock"/>), so it leaves the cores to the render workers and the control side. In
/// <see cref="NullClockPace.AsFastAsPossible"/> mode it calls back-to-back, for unit tests and benchmarks. The outputs it passes are preallocated and discarded after each period.
/// <para>Thread rules as <see cref="IAudioDevice"/>: Open, Start, Stop and Dispose are control side; the callback runs on
/// the device's own thread. A late period (the callback took longer than the time left) is counted in <see cref="LatePeriods"/>,
/// and the schedule restarts from now instead of calling back-to-back to catch up.</para>
/// </summary>
public sealed class NullClockDevice : IAudioDevice
{
    /// <summary>How long before a period is due the thread stops sleeping and spins, in nanoseconds (see <see cref="RtWaitUntil"/>).</summary>
    internal const long SpinMargin = 100_000;

    private readonly NullClockPace _pace;
    private double[][] _outputs = [];
    private Thread? _thread;
    private IAudioDeviceCallback? _callback;
    private volatile bool _stopping;
    private long _periods;
    private long _latePeriods;
    private long _scheduleStart;
    private AudioDeviceStatus _status = AudioDeviceStatus.Closed;

    /// <summary>Creates the device at <paramref name="sampleRate"/> with <paramref name="blockSize"/> frames per period; control side.</summary>
    public NullClockDevice(int sampleRate, int blockSize, NullClockPace pace = NullClockPace.RealTime)
    {
        if (sampleRate is < 8000 or > 768000) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "null device sample rate must be 8000 … 768000 Hz");
        if (blockSize is < 1 or > 8192) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "null device block size must be 1 … 8192 frames");
        SampleRate = sampleRate;
        BlockSize = blockSize;
        _pace = pace;
        if (pace == NullClockPace.RealTime) MonotonicClock.Bind();
    }

    /// <inheritdoc/>
    public string Name => "null";

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public int BlockSize { get; }

    /// <inheritdoc/>
    public AudioDeviceStatus Status => _status;

    /// <summary>Periods called back since <see cref="Start"/>; any thread.</summary>
    public long Periods => Interlocked.Read(ref _periods);

    /// <summary>Periods whose callback finished after the next period was due (real-time pace only); any thread.</summary>
    public long LatePeriods => Interlocked.Read(ref _latePeriods);

    /// <summary>
    /// The monotonic clock (<see cref="MonotonicClock"/>, ns) at which the last <see cref="Start"/>'s real-time schedule
    /// began: period n is due no earlier than this plus n periods (a late period only moves the later ones further out);
    /// 0 before the first period or at the fast pace. Any thread.
    /// </summary>
    public long ScheduleStartNanoseconds => Interlocked.Read(ref _scheduleStart);

    /// <inheritdoc/>
    public event Action<AudioDeviceStatus>? StatusChanged;

    /// <inheritdoc/>
    public void Open(IReadOnlyList<string> outputPorts)
    {
        if (_status != AudioDeviceStatus.Closed) throw new AudioDeviceException("null device: Open called twice; close it (Dispose) first");
        _outputs = new double[outputPorts.Count][];
        for (int i = 0; i < _outputs.Length; i++) _outputs[i] = new double[BlockSize];
        SetStatus(AudioDeviceStatus.Open);
    }

    /// <inheritdoc/>
    public void Start(IAudioDeviceCallback callback)
    {
        if (_status != AudioDeviceStatus.Open) throw new AudioDeviceException($"null device: Start needs an opened, stopped device; it is {_status}");
        _callback = callback;
        _stopping = false;
        Interlocked.Exchange(ref _scheduleStart, 0);
        _thread = new Thread(Run) { Name = "null device audio", IsBackground = true, Priority = ThreadPriority.Highest };
        SetStatus(AudioDeviceStatus.Running);
        _thread.Start();
    }

    /// <inheritdoc/>
    public void Stop()
    {
        if (_thread is null) return;
        _stopping = true;
        _thread.Join();
        _thread = null;
        SetStatus(AudioDeviceStatus.Open);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        if (_status != AudioDeviceStatus.Closed) SetStatus(AudioDeviceStatus.Closed);
    }

    private void Run()
    {
        var callback = _callback!;
        var outputs = _outputs;
        if (_pace == NullClockPace.AsFastAsPossible)
        {
            while (!_stopping)
            {
                callback.RtRender(outputs, BlockSize);
                Interlocked.Increment(ref _periods);
            }
            return;
        }
        // An ordinary thread's timed sleeps may end up to 50 µs late (the kernel's default timer slack); this one asks for
        // its deadlines as exactly as the timer allows, before its first period.
        MonotonicClock.RtSetTimerSlack(1);
        var schedule = new PeriodSchedule(SampleRate, BlockSize, MonotonicClock.RtNowNanoseconds());
        Interlocked.Exchange(ref _scheduleStart, schedule.Due);
        while (!_stopping)
        {
            callback.RtRender(outputs, BlockSize);
            Interlocked.Increment(ref _periods);
            if (schedule.RtAdvance(MonotonicClock.RtNowNanoseconds()))
            {
                Interlocked.Increment(ref _latePeriods);
                continue;
            }
            RtWaitUntil(schedule.Due);
        }
    }

    /// <summary>
    /// Sleeps on the monotonic clock until <see cref="SpinMargin"/> before <paramref name="due"/> (an absolute deadline, so
    /// the thread uses no CPU while it waits) and spins the rest, since a timed wake-up comes some tens of µs after its
    /// deadline. A sleep that wakes after <paramref name="due"/> returns at once.
    /// </summary>
    private static void RtWaitUntil(long due)
    {
        MonotonicClock.RtSleepUntil(due - SpinMargin);
        while (MonotonicClock.RtNowNanoseconds() < due) Thread.SpinWait(20);
    }

    private void SetStatus(AudioDeviceStatus status)
    {
        _status = status;
        StatusChanged?.Invoke(status);
    }
}

/// <summary>How fast a <see cref="NullClockDevice"/> calls its callback.</summary>
public enum NullClockPace
{
    /// <summary>One period per period length of wall-clock time (a headless server).</summary>
    RealTime,

    /// <summary>Back-to-back, as fast as the callback returns (unit tests, benchmarks).</summary>
    AsFastAsPossible,
}
