using System.Text;
using System.Text.Json.Nodes;
using MixEngine.Automation;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public class LiftedPointsTests
{
    private const int Points = 500;

    /// <summary>The fixture with a dense fader lane (every shape, a trim curve) and a dense mute lane, as plain point objects.</summary>
    private static JsonObject Dense(Action<JsonArray>? changeFader = null)
    {
        var fader = new JsonArray();
        var trim = new JsonArray();
        var mute = new JsonArray();
        for (int i = 0; i < Points; i++)
        {
            var point = new JsonObject { ["position"] = 480 * i, ["value"] = -40 + 0.07 * i };
            if (i % 3 == 1) point["shape"] = i % 2 == 0 ? "sCurve" : "step";
            fader.Add(point);
            trim.Add(new JsonObject { ["value"] = -0.01 * i, ["position"] = 480 * i + 7 });
            mute.Add(i % 5 == 0 ? new JsonObject { ["position"] = 1000 * i, ["value"] = i % 2, ["shape"] = "step" } : new JsonObject { ["position"] = 1000 * i, ["value"] = i % 2 });
        }
        changeFader?.Invoke(fader);
        var lanes = new JsonArray(
            new JsonObject { ["address"] = "track/DX 1/fader", ["points"] = fader, ["trim"] = trim },
            new JsonObject { ["address"] = "track/DX 1/mute", ["mode"] = "latch", ["points"] = mute });
        return SessionFixture.Document().Set("automation", new JsonObject { ["lanes"] = lanes });
    }

    [Fact]
    public void Dense_lanes_are_lifted_out_of_the_text_and_read_back_point_for_point()
    {
        string text = Dense().ToJsonString();
        Assert.True(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(text), out byte[] reduced, out var lifted));
        Assert.Equal(Points, lifted.Of(0, trim: false)!.Length);
        Assert.Equal(Points, lifted.Of(0, trim: true)!.Length);
        Assert.True(reduced.Length < text.Length / 10, $"reduced text of {reduced.Length} bytes"); // the points were most of it
        var automation = SessionFixture.Parse(Dense()).Automation;
        var fader = automation.Lane("track/DX 1/fader")!;
        var mute = automation.Lane("track/DX 1/mute")!;
        for (int i = 0; i < Points; i++)
        {
            var shape = i % 3 == 1 ? (i % 2 == 0 ? SegmentShape.SCurve : SegmentShape.Step) : SegmentShape.Linear;
            Assert.Equal(new AutomationPoint(480 * i, -40 + 0.07 * i, shape), fader.Curve.Points[i]); // exact: the same number text parsed
            Assert.Equal(new AutomationPoint(480 * i + 7, -0.01 * i), fader.Trim.Points[i]);
            Assert.Equal(new AutomationPoint(1000 * i, i % 2, SegmentShape.Step), mute.Curve.Points[i]);
        }
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), automation.ModeOf("track/DX 1/mute"));
    }

    [Fact]
    public void Points_in_another_form_leave_the_text_to_the_document_reader()
    {
        Assert.False(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(AutomationReaderTests.WithAutomation().ToJsonString()), out _, out _)); // a timecode label, "-inf"
        Assert.False(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(Dense(f => f[7]!["colour"] = "red").ToJsonString()), out _, out _));
        Assert.False(LiftedPoints.TryLift(Encoding.UTF8.GetBytes("{ \"automation\": { \"lanes\": [ { \"points\": [ { \"position\": 1, \"value\": 2 } ] } ] } } trailing"), out _, out _));
        Assert.False(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(SessionFixture.Document().ToJsonString()), out _, out _)); // nothing to lift
    }

    [Fact]
    public void A_switch_lane_takes_any_number_whose_value_is_a_whole_0_or_1_and_reports_any_other()
    {
        string text = Dense().ToJsonString()
            .Replace("\"position\":2000,\"value\":0", "\"position\":2000,\"value\":-0.0")
            .Replace("\"position\":3000,\"value\":1", "\"position\":3000,\"value\":1.0")
            .Replace("\"position\":7000,\"value\":1", "\"position\":7000,\"value\":1e0")
            .Replace("\"position\":8000,\"value\":0", "\"position\":8000,\"value\":-0");
        Assert.True(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(text), out _, out var lifted));
        Assert.Equal(LiftedPoints.NoShape, lifted.Of(1, trim: false)![2].Shape);
        var mute = SessionReader.Parse(text, SessionFixture.BaseDirectory, "test.session.json", SessionFixture.Probe()).Automation.Lane("track/DX 1/mute")!;
        foreach (int i in new[] { 2, 3, 7, 8 })
        {
            // exact: a switch plays 0 or 1, and a negative zero is read as 0 (as the whole number it is)
            Assert.Equal(BitConverter.DoubleToInt64Bits(i % 2), BitConverter.DoubleToInt64Bits(mute.Curve.Points[i].Value));
            Assert.Equal(new AutomationPoint(1000 * i, i % 2, SegmentShape.Step), mute.Curve.Points[i]);
        }
        var problems = Assert.Throws<SessionValidationException>(() => SessionReader.Parse(
            text.Replace("\"position\":4000,\"value\":0", "\"position\":4000,\"value\":0.5"), SessionFixture.BaseDirectory, "test.session.json",
            SessionFixture.Probe())).Problems;
        Assert.Equal("$.automation.lanes[1].points[4].value", Assert.Single(problems).JsonPath);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_session_file_with_dense_lanes_and_bytes_that_are_not_utf8_loads_with_them_replaced_as_without_lanes(bool lanes)
    {
        // The file's name field holds a Latin-1 ß (0xDF), not UTF-8: decoded as File.ReadAllText does (U+FFFD), whether
        // the points were lifted (only the text around them is checked) or not.
        var document = lanes ? Dense() : SessionFixture.Document();
        document["name"] = "Rolle 1 Stra#e";
        byte[] utf8 = Encoding.UTF8.GetBytes(document.ToJsonString());
        utf8[Array.IndexOf(utf8, (byte)'#')] = 0xDF;
        string dir = Directory.CreateTempSubdirectory("mixengine-session-").FullName;
        try
        {
            string path = Path.Combine(dir, "reel.session.json");
            File.WriteAllBytes(path, utf8);
            var probe = new FakeMediaProbe()
                .With($"{dir}/media/dx1.wav", 1, 480_000).With($"{dir}/media/mx.wav", 2, 96_000).With($"{dir}/media/fx51.wav", 6, 48_000);

            var session = SessionReader.Load(path, probe);

            Assert.Equal("Rolle 1 Stra\uFFFDe", session.Name);
            Assert.Equal(lanes ? Points : 0, session.Automation.Lane("track/DX 1/fader")?.Curve.Points.Count ?? 0);
            if (lanes) Assert.Equal(new AutomationPoint(480 * 7, -40 + 0.07 * 7, SegmentShape.Step), session.Automation.Lane("track/DX 1/fader")!.Curve.Points[7]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Arrays_scanned_on_two_threads_give_the_same_points_and_text_as_on_one()
    {
        // Many lanes, so both threads take arrays; one array's shapes are escaped, so the token reader reads that one.
        var lanes = new JsonArray();
        for (int lane = 0; lane < 40; lane++)
        {
            var points = new JsonArray();
            for (int i = 0; i < 200; i++) points.Add(new JsonObject { ["position"] = 480 * i + lane + 1, ["value"] = -30 + 0.013 * i * lane });
            lanes.Add(new JsonObject { ["address"] = "track/DX 1/fader", ["points"] = points });
        }
        string text = SessionFixture.Document().Set("automation", new JsonObject { ["lanes"] = lanes }).ToJsonString()
            .Replace("\"position\":1,", "\"position\":1,\"shape\":\"st\\u0065p\",");
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Assert.True(LiftedPoints.TryLift(utf8, int.MaxValue, out byte[] serialText, out var serial));
        Assert.True(LiftedPoints.TryLift(utf8, 0, out byte[] parallelText, out var parallel));
        Assert.Equal(serialText, parallelText);
        for (int lane = 0; lane < 40; lane++)
        {
            Assert.Equal(200, serial.Of(lane, trim: false)!.Length);
            Assert.Equal(serial.Of(lane, trim: false), parallel.Of(lane, trim: false)); // exact: the same text read by the same code
            Assert.Null(parallel.Of(lane, trim: true));
        }
        Assert.Equal(SegmentShape.Step, parallel.Of(0, trim: false)![0].Shape); // the escaped array, read token by token

        Assert.False(LiftedPoints.TryLift(Encoding.UTF8.GetBytes(text.Replace("\"position\":95560,", "\"position\":95560,\"colour\":\"red\",")), 0, out _, out _));
    }

    [Fact]
    public void A_lifted_point_its_parameter_rejects_is_reported_with_its_path_as_from_the_document()
    {
        var problems = SessionFixture.Problems(Dense(f =>
        {
            f[300]!["value"] = 13;
            f[420]!["position"] = 5;
        })).Select(p => $"{p.JsonPath}: {p.Message}").ToList();
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[0].points[300].value: 13 dB is out of range"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[0].points[420].position: position 5 is not after the previous point's position"));
        Assert.Equal(2, problems.Count);
    }
}
