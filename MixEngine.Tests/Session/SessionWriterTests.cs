using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class SessionWriterTests
{
    private static MixSession Reparse(MixSession s) =>
        SessionReader.Parse(SessionWriter.ToJson(s), SessionFixture.BaseDirectory, "written.json", SessionFixture.Probe());

    [Fact]
    public void Written_session_reads_back_to_the_same_session()
    {
        var original = SessionFixture.Parse(SessionFixture.Document());
        var back = Reparse(original);
        SessionAssert.Equal(original, back);
    }

    [Fact]
    public void Drop_frame_session_with_edge_values_round_trips()
    {
        var doc = SessionFixture.Document()
            .Set("timecode", JsonNode.Parse("""{ "rate": "29.97DF", "start": "00:59:59;28" }"""))
            .Set("end", 12_345_677)
            .Set("tracks[0].strip", JsonNode.Parse("""
                { "trim": -24, "polarity": true, "fader": "-inf", "mute": true, "solo": true, "soloSafe": true,
                  "pan": { "x": 1, "y": -1, "z": 1, "width": 0, "lfe": 12 } }
                """))
            .Set("tracks[0].clips[0].position", 1_601)
            .Set("tracks[0].clips[0].gain", 0.1)
            .Set("tracks[0].sends[0].level", "-inf")
            .Set("vcas[0].mute", true);
        var original = SessionFixture.Parse(doc);

        SessionAssert.Equal(original, Reparse(original));
    }

    [Fact]
    public void Positions_on_a_frame_are_written_as_timecode_and_others_as_samples()
    {
        var original = SessionFixture.Parse(SessionFixture.Document().Set("tracks[2].clips[0].position", 96_001));
        var json = JsonNode.Parse(SessionWriter.ToJson(original))!;

        Assert.Equal("01:00:02:00", (string?)json["tracks"]![0]!["clips"]![0]!["position"]);
        Assert.Equal(96_001, (long?)json["tracks"]![2]!["clips"]![0]!["position"]);
        Assert.Equal("01:00:40:00", (string?)json["end"]);
    }

    [Fact]
    public void Save_writes_the_file_atomically_and_leaves_no_temporary_file()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-writer-").FullName;
        try
        {
            string path = Path.Combine(dir, "reel.session.json");
            File.WriteAllText(path, "previous version");
            var session = SessionFixture.Parse(SessionFixture.Document());

            SessionWriter.Save(session, path);

            Assert.Equal(SessionWriter.ToJson(session), File.ReadAllText(path));
            Assert.Equal(["reel.session.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Failed_save_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-writer-").FullName;
        try
        {
            // The target is a directory, so the final rename fails after the temporary file was written.
            string target = Path.Combine(dir, "reel.session.json");
            Directory.CreateDirectory(target);
            var session = SessionFixture.Parse(SessionFixture.Document());

            Assert.ThrowsAny<IOException>(() => SessionWriter.Save(session, target));

            Assert.True(Directory.Exists(target));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
