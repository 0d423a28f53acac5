using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Automation;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// An engine, control facade (hub pumped by hand) and live writer on the recorder fixture with only track "a" and bus
/// "pm", 64-sample blocks, and <see cref="Fader"/> (track "a"'s fader) resolved for the desk client.
/// </summary>
internal sealed class LiveRig : IDisposable
{
    /// <summary>Block size the rig renders.</summary>
    public const int Block = 64;

    /// <summary>Address of the fader the rig resolves.</summary>
    public const string Fader = "track/a/fader";

    public LiveRig(AutomationModeSetting mode, params AutomationLane[] lanes)
        : this(AutomationSettings.Default, mode, lanes)
    {
    }

    public LiveRig(AutomationSettings settings, AutomationModeSetting mode, params AutomationLane[] lanes)
    {
        var fixture = RecorderFixture.Fixture(settings, lanes);
        Session = fixture with { Tracks = [fixture.Tracks[0]], Buses = [fixture.Buses[0]] };
        var media = RecorderFixture.Media();
        Build = s => RenderPlanBuilder.Build(s, new RenderPlanOptions(Block), media);
        Engine = new RealtimeEngine(Build(Session), [("pm", 0)], Block);
        Control = new MixControl(Engine, FeedbackHubOptions.Default with { OwnThread = false });
        Live = new LiveAutomation(Control, Build);
        Desk = Control.RegisterClient("desk");
        Handle = Control.Resolve(Fader);
        Control.SetAutomationMode(Desk, "track/a", mode);
        Control.Hub.Pump(TimeSpan.Zero);
    }

    /// <summary>The session the engine plays (track "a", bus "pm").</summary>
    public MixSession Session { get; }

    /// <summary>Builds a render plan of a session for the rig's media and block size (what live edits rebuild with).</summary>
    public Func<MixSession, RenderPlan> Build { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public LiveAutomation Live { get; }

    public ControlClientId Desk { get; }

    public ParameterHandle Handle { get; }

    /// <summary>
    /// Plays <paramref name="length"/> samples from <paramref name="from"/> calling <paramref name="at"/> before each
    /// block (with its position), stops, and returns what was heard (index 0 = <paramref name="from"/>).
    /// </summary>
    public double[] Pass(int length, Action<long> at, bool pumpAfterFirstBlock = true, long from = 0)
    {
        if (from != 0) Control.Locate(Desk, from);
        Control.Play(Desk);
        var heard = new double[length];
        var output = new[] { new double[Block] };
        for (int p = 0; p < length; p += Block)
        {
            at(from + p);
            Engine.RtRender(output, Block);
            Array.Copy(output[0], 0, heard, p, Block);
            if (p == 0 && pumpAfterFirstBlock) Control.Hub.Pump(TimeSpan.FromMilliseconds(10));
        }
        Control.Stop(Desk);
        Engine.RtRender(output, Block);
        Control.Hub.Pump(TimeSpan.FromMilliseconds(10));
        return heard;
    }

    /// <summary>
    /// The session the control owns now (the written automation and the static values installed with it) rendered offline
    /// over [<paramref name="from"/>, +<paramref name="length"/>).
    /// </summary>
    public double[] Written(int length, long from = 0) => RecorderFixture.Render(Control.Session, Control.Session.Automation, from, from + length);

    public void Dispose()
    {
        Live.Dispose();
        Control.Dispose();
        Engine.Dispose();
    }
}
