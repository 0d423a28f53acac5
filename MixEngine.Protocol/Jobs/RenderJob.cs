using MixEngine.Offline;
using MixEngine.Offline.Delivery;
using MixEngine.Session;

namespace MixEngine.Protocol.Jobs;

/// <summary>The state a render job is in.</summary>
public enum RenderJobPhase
{
    /// <summary>Waiting for the worker.</summary>
    Queued,

    /// <summary>Rendering.</summary>
    Running,

    /// <summary>Every print written.</summary>
    Succeeded,

    /// <summary>Failed; nothing written.</summary>
    Failed,

    /// <summary>Cancelled; nothing written.</summary>
    Cancelled,
}

/// <summary>
/// One render job: its request, a session snapshot, progress, and the report when done. Progress is reported on the
/// worker thread and read from request threads; <see cref="Changed"/> fires after every update (on the updating thread).
/// Thread-safe.
/// </summary>
public sealed class RenderJob : IProgress<RenderProgress>
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _cancel = new();
    private RenderProgress _progress;
    private int _pass;
    private double _lastFraction;

    internal RenderJob(int number, string id, MixSession session, RenderRequest request, DeliverySpec? spec, string? normalizeBus)
    {
        Number = number;
        Id = id;
        Session = session;
        Request = request;
        Spec = spec;
        NormalizeBus = normalizeBus;
    }

    /// <summary>Order of start.</summary>
    public int Number { get; }

    /// <summary>The id clients use (<c>render-N</c>).</summary>
    public string Id { get; }

    /// <summary>The session snapshot rendered.</summary>
    public MixSession Session { get; }

    /// <summary>What is rendered and where.</summary>
    public RenderRequest Request { get; }

    /// <summary>The delivery spec the prints are conformed to, or null.</summary>
    public DeliverySpec? Spec { get; }

    /// <summary>The conformed bus, or null for every deliverable print.</summary>
    public string? NormalizeBus { get; }

    /// <summary>Where the job is.</summary>
    public RenderJobPhase Phase { get; private set; }

    /// <summary>Why it failed.</summary>
    public string Message { get; private set; } = "";

    /// <summary>The report when succeeded.</summary>
    public RenderReport? Result { get; private set; }

    /// <summary>Raised after every state or progress change.</summary>
    public event Action<RenderJob>? Changed;

    /// <summary>Cancelled by <see cref="Cancel"/>.</summary>
    internal CancellationToken Cancellation => _cancel.Token;

    /// <summary>The newest progress, with the fraction over all conform passes (never decreasing).</summary>
    public (double Fraction, RenderProgress Progress) Progress
    {
        get { lock (_gate) return (_lastFraction, _progress); }
    }

    /// <summary>True once the job succeeded, failed or was cancelled.</summary>
    public bool Finished => Phase is RenderJobPhase.Succeeded or RenderJobPhase.Failed or RenderJobPhase.Cancelled;

    /// <summary>Requests cancellation; a queued job is cancelled before it starts. Returns false when already finished.</summary>
    public bool Cancel()
    {
        lock (_gate)
        {
            if (Finished) return false;
            _cancel.Cancel();
            if (Phase == RenderJobPhase.Queued) Phase = RenderJobPhase.Cancelled;
        }
        Changed?.Invoke(this);
        return true;
    }

    /// <inheritdoc/>
    public void Report(RenderProgress value)
    {
        lock (_gate)
        {
            if (value.FramesDone < _progress.FramesDone) _pass++;
            _progress = value;
            int passes = Spec is null ? 1 : 2;
            _lastFraction = Math.Max(_lastFraction, Math.Min(1, (Math.Min(_pass, passes - 1) + value.Fraction) / passes));
        }
        Changed?.Invoke(this);
    }

    internal bool Begin() => Set(() =>
    {
        if (Phase != RenderJobPhase.Queued) return false;
        Phase = RenderJobPhase.Running;
        return true;
    });

    internal void Succeed(RenderReport report) => Set(() =>
    {
        Result = report;
        _lastFraction = 1;
        Phase = RenderJobPhase.Succeeded;
        return true;
    });

    internal void Fail(string message) => Set(() =>
    {
        Message = message;
        Phase = RenderJobPhase.Failed;
        return true;
    });

    internal void Cancelled() => Set(() =>
    {
        Phase = RenderJobPhase.Cancelled;
        return true;
    });

    private bool Set(Func<bool> change)
    {
        bool changed;
        lock (_gate) changed = change();
        if (changed) Changed?.Invoke(this);
        return changed;
    }
}
