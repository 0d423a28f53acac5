using MixEngine.Files;
using MixEngine.Offline.Delivery;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// Renders a session with its deliverable print (or a chosen printed bus) conformed to a delivery spec's loudness
/// target (issue 9, item 6; docs/loudness.md, "Conform"): a first render measures the print as mixed without writing
/// files; the gain is target − measured (integrated or dialogue-gated, as the spec judges it, fallback included); when
/// the true peak after that gain would pass the spec's ceiling, a true-peak limiter at the ceiling runs after the gain
/// and further measuring renders correct the gain for the loudness the limiter takes away (until within
/// <see cref="ConvergenceLu"/>, at most <see cref="MaxLimiterPasses"/> times); then the final render writes every print,
/// the conformed ones with their gain and limiter, the stems untouched. Renders are deterministic, so the final print
/// has exactly the loudness measured for its gain. Call from a control thread; it blocks until the last render ends.
/// </summary>
public static class LoudnessConform
{
    /// <summary>How close (LU) to the target a limited print must measure before the final render.</summary>
    public const double ConvergenceLu = 0.05;

    /// <summary>Most measuring renders spent on correcting the gain of a limited print.</summary>
    public const int MaxLimiterPasses = 4;

    /// <summary>
    /// Renders <paramref name="request"/> with the print of <paramref name="bus"/> (id or name; null = every deliverable
    /// print, a printed bus that feeds no other bus) conformed to <paramref name="spec"/>; returns the final render's
    /// report with <see cref="RenderReport.Conform"/> filled in. Throws <see cref="ConformException"/> naming the bus when
    /// it is not printed, when the print is silent or when the spec's loudness cannot be measured (a dialogue-gated spec
    /// without a dialogue stem); nothing is written then. Control thread.
    /// </summary>
    public static RenderReport Render(MixSession session, RenderRequest request, DeliverySpec spec, string? bus = null,
        IMediaOpener? opener = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default,
        IPrintWriterFactory? writerFactory = null)
    {
        var targets = TargetBuses(session, bus);
        var passes = new PassProgress(progress);
        var asMixed = OfflineRenderer.Render(session, request with { Conform = null }, opener, passes.Next(), cancellationToken, MeasureOnlyPrints.Instance);
        var plans = targets.Select(b => Plan(session, spec, b, asMixed)).ToList();
        int renders = 1;
        for (int trial = 0; trial < MaxLimiterPasses && plans.Any(p => p.Limited && !p.Converged); trial++)
        {
            passes.Expect(renders + 2);
            var measured = OfflineRenderer.Render(session, request with { Conform = Conforms(plans) }, opener, passes.Next(), cancellationToken, MeasureOnlyPrints.Instance);
            renders++;
            foreach (var p in plans.Where(p => p.Limited && !p.Converged))
            {
                double error = p.Target.Target - ComplianceCheck.MeasuredFor(p.Target, Figures(session, measured, p.Bus));
                if (Math.Abs(error) <= ConvergenceLu) p.Converged = true;
                else p.GainDb += error;
            }
        }
        var final = OfflineRenderer.Render(session, request with { Conform = Conforms(plans) }, opener, passes.Next(), cancellationToken,
            writerFactory ?? BwfPrintWriterFactory.Instance);
        renders++;
        return final with { Conform = plans.Select(p => Report(session, spec, p, final, renders)).ToList() };
    }

    private static List<string> TargetBuses(MixSession session, string? bus)
    {
        var printed = session.Outputs.Select(o => o.Bus).ToList();
        if (bus is not null)
        {
            var match = session.Buses.FirstOrDefault(b => b.Id == bus) ?? session.Buses.FirstOrDefault(b => b.Name == bus);
            if (match is null || !printed.Contains(match.Id))
                throw new ConformException($"bus '{bus}' {(match is null ? "does not exist" : "is not printed")}; printed buses: {string.Join(", ", printed)}");
            return [match.Id];
        }
        var deliverable = printed.Where(b => DeliverablePrint.Is(session, b)).Distinct().ToList();
        if (deliverable.Count == 0)
            throw new ConformException($"the session prints no deliverable bus (a printed bus that feeds no other bus); name the bus to conform (printed buses: {string.Join(", ", printed)})");
        return deliverable;
    }

    private static ConformPlan Plan(MixSession session, DeliverySpec spec, string bus, RenderReport asMixed)
    {
        var figures = Figures(session, asMixed, bus);
        var (target, _) = ComplianceCheck.TargetFor(spec, figures);
        double before = ComplianceCheck.MeasuredFor(target, figures);
        if (double.IsNaN(before))
            throw new ConformException($"bus '{bus}': spec '{spec.Name}' judges dialogue-gated loudness, but the session prints no dialogue stem " +
                "(a bus fed only by DX/ADR tracks); conform to a programme-gated spec or print the dialogue stem");
        if (!double.IsFinite(before))
            throw new ConformException($"bus '{bus}': the print measures {before} LUFS (silent or below the gates); there is no loudness to conform");
        double gain = target.Target - before;
        bool limited = spec.TruePeakMax is { } ceiling && figures.TruePeakDbtp + gain > ceiling;
        return new ConformPlan(bus, target, figures, limited) { GainDb = gain, CeilingDbtp = spec.TruePeakMax };
    }

    private static FileLoudness Figures(MixSession session, RenderReport report, string bus)
    {
        int index = session.Outputs.ToList().FindIndex(o => o.Bus == bus);
        return report.Loudness[index].Figures;
    }

    private static Dictionary<string, PrintConform> Conforms(List<ConformPlan> plans) =>
        plans.ToDictionary(p => p.Bus, p => new PrintConform(p.GainDb, p.Limited ? p.CeilingDbtp : null));

    private static ConformReport Report(MixSession session, DeliverySpec spec, ConformPlan plan, RenderReport final, int renders)
    {
        var after = Figures(session, final, plan.Bus);
        var applied = final.Prints[session.Outputs.ToList().FindIndex(o => o.Bus == plan.Bus)].Conform;
        return new ConformReport(plan.Bus, spec.Name, plan.Target.Gating, plan.Target.Target, spec.TruePeakMax,
            ComplianceCheck.MeasuredFor(plan.Target, plan.Before), plan.Before.TruePeakDbtp, plan.GainDb, plan.Limited,
            applied?.MaxLimiterReductionDb ?? 0.0, ComplianceCheck.MeasuredFor(plan.Target, after), after.TruePeakDbtp, renders,
            plan.Limited ? "true-peak ceiling" : "integrated loudness target");
    }

    // The conform of one bus as it is worked out: the gain moves while a limited print converges.
    private sealed class ConformPlan(string bus, LoudnessTarget target, FileLoudness before, bool limited)
    {
        public string Bus { get; } = bus;
        public LoudnessTarget Target { get; } = target;
        public FileLoudness Before { get; } = before;
        public bool Limited { get; } = limited;
        public double? CeilingDbtp { get; init; }
        public double GainDb { get; set; }
        public bool Converged { get; set; }
    }

    // Maps each render's progress onto one bar spanning every render of the conform (the count grows when limiting needs more).
    private sealed class PassProgress(IProgress<RenderProgress>? outer)
    {
        private int _pass = -1;
        private int _expected = 2;

        public void Expect(int renders) => _expected = Math.Max(_expected, renders);

        public IProgress<RenderProgress>? Next()
        {
            _pass++;
            _expected = Math.Max(_expected, _pass + 1);
            return outer is null ? null : new Scaled(this, _pass);
        }

        private sealed class Scaled(PassProgress owner, int pass) : IProgress<RenderProgress>
        {
            public void Report(RenderProgress value) => owner.Report(pass, value);
        }

        private void Report(int pass, RenderProgress value) =>
            outer!.Report(value with
            {
                Fraction = (pass + value.Fraction) / _expected,
                FramesDone = pass * value.FramesTotal + value.FramesDone,
                FramesTotal = _expected * value.FramesTotal,
            });
    }
}
