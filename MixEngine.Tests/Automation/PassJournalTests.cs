using System.Text.Json;
using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.Tests.Automation;

/// <summary>The journal's move lines: exact JSON fields, and no garbage per move (a served pass journals every move for as long as it plays).</summary>
public sealed class PassJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("passjournal").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_move_line_holds_position_escaped_address_kind_round_trip_value_and_client()
    {
        string path = Path.Combine(_dir, "s.json.journal");
        var quoted = ParameterAddress.ByName(ParameterScope.Track, "Dia \"A\" é", "fader");
        using (var journal = new PassJournal(path))
        {
            journal.Move(new ControlMove(1_234_567_890_123, quoted, ControlMoveKind.Value, 0.1, 7));
            journal.Move(new ControlMove(5, quoted, ControlMoveKind.TouchBegin, double.NegativeInfinity, 0));
            journal.Move(new ControlMove(6, ParameterAddress.Parse("bus#dx/trim"), ControlMoveKind.TouchEnd, double.NaN, 12));
            journal.Move(new ControlMove(7, quoted, ControlMoveKind.Value, -1.2345678901234567e-300, 7));
        }
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal("move", l.GetProperty("event").GetString()));
        Assert.Equal(1_234_567_890_123, lines[0].GetProperty("position").GetInt64());
        Assert.Equal("track/Dia \"A\" é/fader", lines[0].GetProperty("address").GetString());
        Assert.Equal("value", lines[0].GetProperty("kind").GetString());
        Assert.Equal(0.1, lines[0].GetProperty("value").GetDouble()); // exact: "R" round-trips
        Assert.Equal(7, lines[0].GetProperty("client").GetInt32());
        Assert.Equal("touch", lines[1].GetProperty("kind").GetString());
        Assert.Equal("-inf", lines[1].GetProperty("value").GetString());
        Assert.Equal("bus#dx/trim", lines[2].GetProperty("address").GetString());
        Assert.Equal("release", lines[2].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("value").ValueKind);
        Assert.Equal(12, lines[2].GetProperty("client").GetInt32());
        Assert.Equal(-1.2345678901234567e-300, lines[3].GetProperty("value").GetDouble()); // exact
    }

    [Fact]
    public void Journaling_moves_of_controls_already_seen_allocates_nothing_per_move()
    {
        using var journal = new PassJournal(Path.Combine(_dir, "s.json.journal"));
        ParameterAddress[] controls = [ParameterAddress.Parse("track/a/fader"), ParameterAddress.Parse("track/b/trim"), ParameterAddress.Parse("track/c/eq/2/gain")];
        for (int i = 0; i < 3; i++) journal.Move(new ControlMove(i, controls[i], ControlMoveKind.Value, -3.25, 1)); // first sight of each address
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
            journal.Move(new ControlMove(1000 + i, controls[i % 3], (ControlMoveKind)(i % 3), -10 + i * 0.001, 2));
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes < 10_000, $"{bytes} B for 10 000 moves"); // under 1 B per move: a per-move line string was ~300 B
    }
}
