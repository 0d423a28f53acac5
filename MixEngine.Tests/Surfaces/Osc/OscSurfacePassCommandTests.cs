using MixEngine.Automation;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>
/// The automation pass commands of the <c>/mixengine</c> namespace (docs/osc.md): each address reaches the engine
/// through the control facade as the command it names, stamped in the order sent (seen by a pass sink on the hub, as
/// the live pass writer sees them), and bad input gets an error reply naming the address.
/// </summary>
public class OscSurfacePassCommandTests
{
    [Fact]
    public async Task Every_pass_command_address_reaches_the_engine_as_the_command_it_names_and_button_releases_do_nothing()
    {
        await using var f = new OscSurfaceFixture();
        var log = new PassCommandLog();
        using var sink = f.Control.Control.Hub.AddMoveSink(log);
        using var peer = f.Peer();
        var sent = new (string Address, OscArgument[] Arguments)[]
        {
            ("/mixengine/automation/preview", [Int32(1)]),
            ("/mixengine/automation/suspend", [Int32(1)]),
            ("/mixengine/automation/suspend", [Float32(0)]),
            ("/mixengine/automation/punch_preview", []),
            ("/mixengine/automation/capture", [Float32(0)]), // a button's release: nothing
            ("/mixengine/automation/capture", [Float32(1)]),
            ("/mixengine/automation/punch_capture", []),
            ("/mixengine/automation/punch_capture_all", [String("track/b")]),
            ("/mixengine/automation/write_to/end", []),
            ("/mixengine/automation/write_to/next_breakpoint", [Int64(1_000), Int64(2_000)]),
            ("/mixengine/automation/write_to/punch_point", [Float32(1)]),
            ("/mixengine/automation/preview", [Int32(0)]),
        };
        int expected = 0;
        foreach (var (address, arguments) in sent)
        {
            peer.Send(address, arguments);
            if (address.EndsWith("capture", StringComparison.Ordinal) && arguments is [{ AsNumber: 0 }]) continue;
            Assert.Equal(++expected, log.WaitFor(expected).Count); // each one stamped before the next is sent, so the order is the sender's
        }

        var c = log.Commands;
        Assert.Equal(new PassCommand(PassCommandKind.Preview, On: true), c[0]);
        Assert.Equal(new PassCommand(PassCommandKind.Suspend, On: true), c[1]);
        Assert.Equal(new PassCommand(PassCommandKind.Suspend, On: false), c[2]);
        Assert.Equal(new PassCommand(PassCommandKind.PunchPreview), c[3]);
        Assert.Equal(new PassCommand(PassCommandKind.Capture), c[4]); // the release before it sent nothing
        Assert.Equal(new PassCommand(PassCommandKind.PunchCapture), c[5]);
        Assert.Equal((PassCommandKind.PunchCapture, true), (c[6].Kind, c[6].All));
        Assert.Equal(["track/b"], c[6].Targets!);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.End), c[7]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.NextBreakpoint, SelectionStart: 1_000, SelectionEnd: 2_000), c[8]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.PunchPoint), c[9]);
        Assert.Equal(new PassCommand(PassCommandKind.Preview, On: false), c[10]);
    }

    [Theory]
    [InlineData("/mixengine/automation/write_to/sideways", "unknown Write-To target 'sideways'")]
    [InlineData("/mixengine/automation/punch_capture", "nope")]
    [InlineData("/mixengine/automation/undo", "no automation pass to undo")]
    public async Task A_pass_command_that_cannot_be_sent_is_refused_naming_the_address_and_nothing_reaches_the_engine(string address, string problem)
    {
        await using var f = new OscSurfaceFixture();
        var log = new PassCommandLog();
        using var sink = f.Control.Control.Hub.AddMoveSink(log);
        using var peer = f.Peer();

        peer.Send(address, address.EndsWith("punch_capture", StringComparison.Ordinal) ? [String("track/nope")] : []);

        var error = peer.WaitFor(m => m.Address == "/mixengine/error");
        Assert.Equal(address, error!.Arguments[0].AsString);
        Assert.Contains(problem, error.Arguments[1].AsString);
        peer.Send("/mixengine/automation/capture"); // a command sent after it arrives alone: nothing was queued before it
        Assert.Equal([new PassCommand(PassCommandKind.Capture)], log.WaitFor(1));
    }

    [Fact]
    public async Task A_write_to_selection_whose_end_is_before_its_start_is_refused_naming_the_address()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send("/mixengine/automation/write_to/all", Int64(2_000), Int64(1_000));

        var error = peer.WaitFor(m => m.Address == "/mixengine/error");
        Assert.Equal("/mixengine/automation/write_to/all", error!.Arguments[0].AsString);
        Assert.Contains("not a range of the timeline", error.Arguments[1].AsString);
    }
}
