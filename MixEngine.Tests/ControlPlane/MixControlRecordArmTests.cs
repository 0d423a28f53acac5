using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public sealed class MixControlRecordArmTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RealtimeEngine _engine;
    private readonly MixControl _control;
    private readonly ControlClientId _client;
    private readonly InMemoryMedia _media = new();

    public MixControlRecordArmTests()
    {
        var media = _media;
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(4800, 440));
        // Printed: pm (printmaster) and dx (a stem feeding it); fx is a bus without a print; track a feeds dx through sub.
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Mono, output: "pm")
            .Bus("sub", ChannelLayout.Mono, output: "dx").Bus("fx", ChannelLayout.Stereo, output: "pm")
            .Track("a", ChannelLayout.Mono, "sub", clips: SessionBuilder.Clip("a.wav", 0, 4800))
            .Vca("dlg", 0, false, "a")
            .Print("pm", "PM.wav").Print("dx", "stems/DX.wav")
            .Build();
        _engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0), ("pm", 1)], 64);
        _control = new MixControl(_engine, FeedbackHubOptions.Default with { OwnThread = false });
        _client = _control.RegisterClient("desk");
    }

    public void Dispose()
    {
        _control.Dispose();
        _engine.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Only_printed_buses_are_armable_and_nothing_is_armed_at_start()
    {
        var arms = _control.RecordArm;

        Assert.Equal(["bus/pm", "bus/dx"], arms.Armable);
        Assert.Empty(arms.Armed);
        Assert.Equal(0, arms.Version);
    }

    [Fact]
    public void Arming_by_name_or_id_shows_the_bus_armed_and_disarming_twice_changes_nothing_the_second_time()
    {
        _control.SetRecordArm(_client, "bus/dx", true);
        _control.SetRecordArm(_client, "bus#pm", true);
        Assert.Equal(["bus/pm", "bus/dx"], _control.RecordArm.Armed); // session order, not arming order
        Assert.True(_control.RecordArm.IsArmed("bus/dx"));

        _control.SetRecordArm(_client, "bus/dx", false);
        long version = _control.RecordArm.Version;
        _control.SetRecordArm(_client, "bus/dx", false);

        Assert.Equal(["bus/pm"], _control.RecordArm.Armed);
        Assert.Equal(version, _control.RecordArm.Version);
        Assert.Equal(_client, _control.RecordArm.ChangedBy);
    }

    [Fact]
    public void A_track_is_refused_naming_the_printed_bus_it_feeds_and_a_VCA_or_unprinted_bus_naming_what_is_armable()
    {
        var track = Assert.Throws<ArgumentException>(() => _control.SetRecordArm(_client, "track/a", true));
        Assert.Contains("track/a is a playback track", track.Message);
        Assert.Contains("arm the printed bus it feeds, bus/dx", track.Message); // a → sub (not printed) → dx
        Assert.Contains("armable: bus/pm, bus/dx", Assert.Throws<ArgumentException>(() => _control.SetRecordArm(_client, "vca/dlg", true)).Message);
        Assert.Contains("bus/fx is not printed", Assert.Throws<ArgumentException>(() => _control.SetRecordArm(_client, "bus/fx", true)).Message);
        Assert.Throws<ParameterAddressException>(() => _control.SetRecordArm(_client, "bus/nope", true));
        Assert.Empty(_control.RecordArm.Armed);
    }

    [Fact]
    public void Subscribers_get_the_arms_on_subscribing_and_each_change_by_another_client_but_not_their_own()
    {
        var other = _control.RegisterClient("surface");
        var subscriber = new RecordingSubscriber();
        using var _ = _control.Feedback.Subscribe(subscriber, FeedbackRates.Surface("t", _client));
        _control.Hub.Pump(TimeSpan.Zero);
        Assert.Equal([0L], subscriber.Arms.Select(a => a.Version));

        _control.SetRecordArm(other, "bus/dx", true);
        _control.Hub.Pump(TimeSpan.FromSeconds(1));
        _control.SetRecordArm(_client, "bus/pm", true);
        _control.Hub.Pump(TimeSpan.FromSeconds(2));

        Assert.Equal(2, subscriber.Arms.Count);
        Assert.Equal(["bus/dx"], subscriber.Arms[1].Armed);
        Assert.Equal(other, subscriber.Arms[1].ChangedBy);
    }

    [Fact]
    public void A_take_with_an_armed_stem_writes_only_that_print_and_with_nothing_armed_every_print()
    {
        double[][] outputs = [new double[64], new double[64]];
        _control.Play(_client);
        _control.SetRecordArm(_client, "bus/dx", true);
        _control.StartRecordPrint(_client, Path.Combine(_folder.Path, "armed"));
        for (int i = 0; i < 10; i++) _engine.RtRender(outputs, 64); // standing in for the audio thread
        var armed = _control.StopRecordPrint(_client)!;
        _control.SetRecordArm(_client, "bus/dx", false);
        _control.StartRecordPrint(_client, Path.Combine(_folder.Path, "all"));
        for (int i = 0; i < 10; i++) _engine.RtRender(outputs, 64);
        var all = _control.StopRecordPrint(_client)!;

        Assert.Equal([Path.Combine("stems", "DX.wav")], armed.Files.Select(f => Path.GetRelativePath(armed.Directory, f)));
        Assert.Equal(["PM.wav", Path.Combine("stems", "DX.wav")], all.Files.Select(f => Path.GetRelativePath(all.Directory, f)));
    }

    [Fact]
    public void Arms_follow_a_bus_through_a_rename_and_show_as_not_armed_when_it_is_no_longer_printed()
    {
        _control.SetRecordArm(_client, "bus/dx", true);
        var session = _control.Session;
        var renamed = session with { Buses = [.. session.Buses.Select(b => b.Id == "dx" ? b with { Name = "DX Stem" } : b)] };
        _control.ApplySession(renamed, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(64), _media));
        Assert.Equal(["bus/DX Stem"], _control.RecordArm.Armed);

        _control.ApplySession(renamed with { Outputs = [renamed.Outputs[0]] }, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(64), _media));

        Assert.Empty(_control.RecordArm.Armed);
        Assert.Equal(["bus/pm"], _control.RecordArm.Armable);
    }
}
