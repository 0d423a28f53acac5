using MixEngine.Automation;
using MixEngine.Files;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Automation;

/// <summary>A 10 s session at 48 kHz (track "a" of constant 1.0 into mono bus "pm", track "b", VCA "v") and helpers to run scripted passes on it.</summary>
internal static class RecorderFixture
{
    public const long End = 480_000;

    public static MixSession Fixture(params AutomationLane[] lanes) => Fixture(AutomationSettings.Default, lanes);

    public static MixSession Fixture(AutomationSettings settings, params AutomationLane[] lanes)
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("dc.wav", 0, End))
            .Track("b", ChannelLayout.Mono, "pm", sends: [new Send("pm2", 0, SendTap.PostFader, false)], clips: SessionBuilder.Clip("dc.wav", 0, End))
            .Bus("pm2", ChannelLayout.Mono)
            .Vca("v", 0, false, "a")
            .Build(end: End);
        return session with { Automation = new SessionAutomation(settings, new Dictionary<string, AutomationModeSetting>(), lanes) };
    }

    public static InMemoryMedia Media()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("dc.wav"), Enumerable.Repeat(1.0, (int)End).ToArray());
        return media;
    }

    public static AutomationLane Lane(string address, params AutomationPoint[] points) => new(address, new AutomationCurve(points), AutomationCurve.Empty);

    /// <summary>A flat −10 dB fader lane over the whole session.</summary>
    public static AutomationLane FlatFader() => Lane("track/a/fader", new AutomationPoint(0, -10), new AutomationPoint(End, -10));

    public static PassEvent Value(long position, double value, string address = "track/a/fader") =>
        new(PassEventKind.Value, position, ParameterAddress.Parse(address), value);

    public static PassEvent Touch(long position, string address = "track/a/fader") => new(PassEventKind.Touch, position, ParameterAddress.Parse(address), double.NaN);

    public static PassEvent Release(long position, string address = "track/a/fader") => new(PassEventKind.Release, position, ParameterAddress.Parse(address));

    public static AutomationModeSetting Mode(string name) =>
        AutomationModeSetting.TryParse(name, out var m) ? m : throw new ArgumentException(name);

    /// <summary>Runs one scripted pass with strip <c>track/a</c> (or the given targets) in <paramref name="mode"/>.</summary>
    public static (AutomationRecorder Recorder, PassResult Result) Run(MixSession session, string mode, long start, long end, params PassEvent[] events) =>
        Run(new AutomationRecorder(session), [("track/a", Mode(mode))], start, end, [], events);

    public static (AutomationRecorder Recorder, PassResult Result) Run(AutomationRecorder recorder, (string, AutomationModeSetting?)[] modes,
        long start, long end, PassEvent[] stopped, PassEvent[] events)
    {
        var result = new ScriptedPass(start, end, modes, stopped, events).Run(recorder);
        return (recorder, result);
    }

    public static AutomationCurve Curve(AutomationRecorder recorder, string address = "track/a/fader") => recorder.Automation.Lane(address)!.Curve;

    /// <summary>Renders bus pm (track a's DC through its strip) with the recorder's automation.</summary>
    public static double[] Render(MixSession session, SessionAutomation automation, long from, long to)
    {
        var lanes = automation.Lanes.Where(l => !l.Address.StartsWith("track/b/") && !l.Address.StartsWith("bus/pm2/")).ToList();
        var only = session with
        {
            Automation = new SessionAutomation(automation.Settings, automation.Modes, lanes),
            Tracks = [session.Tracks[0]],
            Buses = [session.Buses[0]],
        };
        return PlanCapture.Render(only, Media(), "pm", from, to, blockSize: 256)[0];
    }
}
