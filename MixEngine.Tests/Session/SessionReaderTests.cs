using System.Text.Json.Nodes;
using MixEngine.Files;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class SessionReaderTests
{
    [Fact]
    public void Fixture_session_reads_every_field_with_positions_in_samples_from_the_start()
    {
        var s = SessionFixture.Parse(SessionFixture.Document());

        Assert.Equal("Test reel", s.Name);
        Assert.Equal(48000, s.SampleRate);
        Assert.Same(TimecodeRate.Fps23976, s.TimecodeRate);
        Assert.Equal("01:00:00:00", s.Start.ToString());
        // 40 s of 23.976 timecode = 960 frames of 2002 samples (formats.md §6).
        Assert.Equal(960L * 2002, s.End);
        var dx = s.Tracks[0];
        Assert.Equal(("dx1", "DX 1", "DX", ChannelLayout.Mono, "dx"), (dx.Id, dx.Name, dx.Stem, dx.Format, dx.Output));
        Assert.Equal(new Strip(1.5, false, -3.5, false, false, false, new Pan(-0.25, 1, 0, 1, double.NegativeInfinity)), dx.Strip);
        Assert.Equal(new Send("verb", -12, SendTap.PreFader, false), Assert.Single(dx.Sends));
        var clip = Assert.Single(dx.Clips);
        // 01:00:02:00 is 48 frames after the start: 48 × 2002 samples.
        Assert.Equal(48L * 2002, clip.Position);
        Assert.Equal([1], clip.SourceChannels);
        Assert.Equal((100L, 48000L, -2.0, "sc 12 tk 3"), (clip.SourceOffset, clip.Length, clip.GainDb, clip.Name));
        Assert.Equal(new Fade(480, FadeShape.EqualPower), clip.FadeIn);
        Assert.Equal(new Fade(960, FadeShape.SCurve), clip.FadeOut);
        var music = Assert.Single(s.Tracks[1].Clips);
        Assert.Equal([1, 2], music.SourceChannels);
        Assert.Equal(96_000, music.Length);
        Assert.Equal(96_000, s.Tracks[2].Clips[0].Position);
        Assert.Equal(["dx", "mxbus", "verb", "pm"], s.Buses.Select(b => b.Id));
        Assert.Null(s.Buses[3].Output);
        Assert.Same(ChannelLayout.Atmos712, s.Buses[3].Format);
        Assert.Equal(new Vca("dialog", "Dialog", -1, false, s.Vcas[0].Members), s.Vcas[0]);
        Assert.Equal(["dx1"], s.Vcas[0].Members);
        Assert.Equal(new PrintOutput("pm", "PM_712.wav", SampleFormat.Int24, PrintLayout.Interleaved, true), s.Outputs[0]);
        Assert.Equal(new PrintOutput("dx", "DX.wav", SampleFormat.Float32, PrintLayout.MultiMono, false), s.Outputs[1]);
        Assert.Equal(SessionFixture.BaseDirectory, s.BaseDirectory);
    }

    [Fact]
    public void Optional_fields_take_their_documented_defaults()
    {
        var doc = JsonNode.Parse("""
            { "mixengine": 1, "name": "Min", "sampleRate": 48000, "timecode": { "rate": "25" },
              "tracks": [ { "id": "t", "name": "T", "stem": "CROWD", "format": "mono", "output": "b",
                            "clips": [ { "media": "media/dx1.wav", "position": 10 } ] } ],
              "buses": [ { "id": "b", "name": "B", "format": "stereo" } ],
              "outputs": [ { "bus": "b", "file": "B.wav" } ] }
            """)!;
        var s = SessionFixture.Parse(doc);

        Assert.Equal("00:00:00:00", s.Start.ToString());
        Assert.Null(s.End);
        Assert.Equal(Strip.Default, s.Tracks[0].Strip);
        Assert.Empty(s.Tracks[0].Sends);
        var clip = s.Tracks[0].Clips[0];
        Assert.Equal((0L, 480_000L, 0.0), (clip.SourceOffset, clip.Length, clip.GainDb));
        Assert.Equal((Fade.None, Fade.None), (clip.FadeIn, clip.FadeOut));
        Assert.Null(clip.Name);
        Assert.Null(s.Buses[0].Output);
        Assert.Empty(s.Vcas);
        Assert.Equal(new PrintOutput("b", "B.wav", SampleFormat.Int24, PrintLayout.Interleaved, true), s.Outputs[0]);
    }

    [Fact]
    public void Drop_frame_positions_use_the_ceiled_samples_since_midnight_minus_the_start()
    {
        var doc = SessionFixture.Document()
            .Set("timecode", JsonNode.Parse("""{ "rate": "29.97DF", "start": "01:00:00;00" }"""))
            .Set("end", "01:10:00;00");
        SessionFixture.At(doc, "tracks[0].clips[0]").AsObject()["position"] = "01:00:10;00";

        var s = SessionFixture.Parse(doc);

        // Independent: 01:00:00;00 = 107,892 frames → ceil(107892 × 1601.6) = 172,799,828; ten seconds later (no labels are
        // dropped inside minute 0) = 108,192 frames → ceil(173,280,307.2) = 173,280,308; difference 480,480.
        Assert.Equal(172_799_828, s.StartSamplesSinceMidnight);
        Assert.Equal(480_480, s.Tracks[0].Clips[0].Position);
        // 01:10:00;00 = 107,892 + 17,982 = 125,874 frames; × 1601.6 = 201,599,798.4 → ceil 201,599,799; minus the start.
        Assert.Equal(201_599_799 - 172_799_828, s.End);
    }

    [Fact]
    public void Json_syntax_error_names_the_line_and_byte()
    {
        string json = "{\n  \"mixengine\": 1,\n  \"name\": \"x\",,\n}";
        var e = Assert.Throws<SessionValidationException>(() => SessionReader.Parse(json, "/s", "bad.json", SessionFixture.Probe()));

        var p = Assert.Single(e.Problems);
        Assert.Equal("$", p.JsonPath);
        // Line 3, byte 15: the second comma after "name": "x" (1-based, as editors count).
        Assert.Equal("JSON syntax error at line 3, byte 15 of the line: ',' is an invalid start of a property name. Expected a '\"'; expected strict JSON (no comments, no trailing commas)", p.Message);
        Assert.Contains("expected strict JSON", p.Message);
        Assert.Contains("bad.json", e.Message);
    }

    [Fact]
    public void Root_that_is_not_an_object_is_reported()
    {
        var p = SessionFixture.SingleProblem(new JsonArray(), "$");
        Assert.Equal("expected a session (a JSON object), found an array", p.Message);
    }

    [Fact]
    public void Pan_divergence_rotation_height_and_law_are_read_and_absent_ones_keep_the_neutral_panner()
    {
        var document = SessionFixture.Document().Set("tracks[1].strip", JsonNode.Parse("""
            { "pan": { "x": 0.2, "divergence": 0.3, "rotation": -45, "height": false, "law": "-4.5dB" } }
            """));
        var s = SessionFixture.Parse(document);

        var pan = s.Tracks[1].Strip.Pan;
        Assert.Equal((0.2, 1.0, 0.3, -45.0, false, MixEngine.Dsp.PanLaw.Minus4_5Db), (pan.X, pan.Y, pan.Divergence, pan.Rotation, pan.Height, pan.Law));
        var neutral = s.Tracks[0].Strip.Pan;
        Assert.Equal((0.0, 0.0, true, MixEngine.Dsp.PanLaw.EqualPower), (neutral.Divergence, neutral.Rotation, neutral.Height, neutral.Law));
    }

    [Theory]
    [InlineData("colour", "$.colour", "unknown field 'colour' in a session; allowed fields: mixengine, name, sampleRate, timecode, end, tracks, buses, vcas, outputs, automation, markers, layouts")]
    [InlineData("tracks[0].strip.gain", "$.tracks[0].strip.gain", "unknown field 'gain' in a strip; allowed fields: trim, polarity, fader, mute, solo, soloSafe, pan, order, eq, dyn")]
    [InlineData("tracks[0].strip.pan.spin", "$.tracks[0].strip.pan.spin", "unknown field 'spin' in a pan; allowed fields: x, y, z, width, lfe, divergence, rotation, height, law")]
    [InlineData("tracks[0].clips[0].fadeIn.curve", "$.tracks[0].clips[0].fadeIn.curve", "unknown field 'curve' in a fade; allowed fields: length, shape")]
    [InlineData("tracks[0].sends[0].pan", "$.tracks[0].sends[0].pan", "unknown field 'pan' in a send; allowed fields: bus, level, tap, mute")]
    [InlineData("buses[0].clips", "$.buses[0].clips", "unknown field 'clips' in a bus; allowed fields: id, name, format, output, strip, sends")]
    [InlineData("vcas[0].solo", "$.vcas[0].solo", "unknown field 'solo' in a VCA; allowed fields: id, name, fader, mute, members")]
    [InlineData("outputs[0].bits", "$.outputs[0].bits", "unknown field 'bits' in an output; allowed fields: bus, file, sampleFormat, layout, dither")]
    [InlineData("timecode.fps", "$.timecode.fps", "unknown field 'fps' in the timecode settings; allowed fields: rate, start")]
    public void Unknown_field_is_reported_with_the_allowed_fields(string field, string path, string message)
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set(field, 1), path);
        Assert.Equal(message, p.Message);
    }

    [Fact]
    public void Field_given_twice_is_reported()
    {
        string json = SessionFixture.Json.Replace("\"name\": \"Test reel\",", "\"name\": \"Test reel\", \"name\": \"Again\",");
        var e = Assert.Throws<SessionValidationException>(() =>
            SessionReader.Parse(json, SessionFixture.BaseDirectory, "dup.json", SessionFixture.Probe()));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("$.name", "field 'name' appears more than once; give it once"), (p.JsonPath, p.Message));
    }

    [Theory]
    [InlineData("tracks[0].strip.mute", "\"yes\"", "expected true or false, found the string \"yes\"")]
    [InlineData("tracks[0].strip.fader", "true", "expected a level in dB: a number up to +12 or the string \"-inf\", found the boolean true")]
    [InlineData("tracks[0].strip.fader", "\"loud\"", "expected a level in dB: a number up to +12 or the string \"-inf\", found the string \"loud\"")]
    [InlineData("tracks[0].strip.pan.x", "\"left\"", "expected a number from -1 to 1 (-1 left, +1 right), found the string \"left\"")]
    [InlineData("tracks[0].strip.pan.height", "1", "expected true or false, found the number 1")]
    [InlineData("tracks[0].strip.pan.law", "-3", "expected pan law: one of \"equalPower\", \"-3dB\", \"-4.5dB\", \"-6dB\", found the number -3")]
    [InlineData("tracks[0].clips[0].length", "\"1s\"", "expected length (frames played) as a whole number >= 1, found the string \"1s\"")]
    [InlineData("tracks[0].clips[0].sourceOffset", "1.5", "expected sourceOffset (first media frame played) as a whole number >= 0, found the number 1.5")]
    [InlineData("tracks[0].clips[0].position", "true", "expected position as a timecode string \"hh:mm:ss:ff\" or whole samples from the session start, found the boolean true")]
    [InlineData("tracks[0].name", "7", "expected the track name (non-empty string), found the number 7")]
    [InlineData("tracks[0].strip", "[]", "expected a strip (a JSON object), found an array")]
    [InlineData("tracks[0].clips", "{}", "expected an array of clips, found an object")]
    [InlineData("buses[3].output", "3", "expected the id of the bus this bus feeds, or null, found the number 3")]
    public void Wrong_type_is_reported_with_what_was_expected(string field, string value, string message)
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set(field, JsonNode.Parse(value)), "$." + field);
        Assert.Equal(message, p.Message);
    }

    [Theory]
    [InlineData("name", "missing required field 'name' (the session name (non-empty string))")]
    [InlineData("sampleRate", "missing required field 'sampleRate' (the session sample rate, one of 44100, 48000, 88200, 96000, 176400, 192000 Hz)")]
    [InlineData("timecode", "missing required field 'timecode' (an object with 'rate' and 'start')")]
    [InlineData("mixengine", "missing required field 'mixengine' (the format version, 1)")]
    [InlineData("outputs", "missing required field 'outputs' (an array of outputs)")]
    [InlineData("tracks[0].stem", "missing required field 'stem' (the stem category: DX, MX, FX, FOLEY, BG, ADR or a custom upper-case word (A-Z, 0-9, '_', starting with a letter))")]
    [InlineData("tracks[0].clips[0].media", "missing required field 'media' (the media file path, relative to the session file)")]
    [InlineData("tracks[0].clips[0].position", "missing required field 'position' (a timecode string or whole samples from the session start)")]
    [InlineData("tracks[0].sends[0].bus", "missing required field 'bus' (the id of the destination bus)")]
    [InlineData("tracks[0].clips[0].fadeIn.length", "missing required field 'length' (the fade length in samples)")]
    [InlineData("vcas[0].members", "missing required field 'members' (an array of track or bus ids)")]
    [InlineData("outputs[0].file", "missing required field 'file' (the print file name, relative to the render's output folder)")]
    public void Missing_required_field_is_reported_at_its_path(string field, string message)
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Without(field), "$." + field);
        Assert.Equal(message, p.Message);
    }

    [Theory]
    [InlineData("mixengine", "2", "unsupported format version 2; expected 1")]
    [InlineData("sampleRate", "44000", "unsupported sample rate 44000; expected one of 44100, 48000, 88200, 96000, 176400, 192000 Hz")]
    [InlineData("timecode.rate", "\"23.97\"", "unknown timecode rate \"23.97\"; expected one of \"23.976\", \"23.98\", \"24\", \"25\", \"29.97DF\", \"29.97NDF\", \"29.97\", \"30\", \"48\", \"50\", \"59.94DF\", \"59.94NDF\", \"59.94\", \"60\"")]
    [InlineData("timecode.start", "\"01:00:00:24\"", "bad timecode: '01:00:00:24' has frame 24, but 23.976 timecode counts frames 0-23 (expected hh:mm:ss:ff at 23.976)")]
    [InlineData("timecode.start", "\"25:00:00:00\"", "bad timecode: '25:00:00:00' has hours, minutes or seconds out of range (hours 0-23, minutes and seconds 0-59) (expected hh:mm:ss:ff at 23.976)")]
    [InlineData("tracks[0].clips[0].position", "\"01:00:02;00\"", "bad timecode: '01:00:02;00' uses ';', which marks a drop-frame label, but 23.976 is not a drop-frame rate; write hh:mm:ss:ff")]
    [InlineData("tracks[0].clips[0].position", "\"00:59:59:00\"", "position 00:59:59:00 is before the session start 01:00:00:00; expected a timecode at or after the start")]
    [InlineData("tracks[0].clips[0].position", "\"1h\"", "bad timecode: '1h' is not a timecode of the form hh:mm:ss:ff (expected hh:mm:ss:ff at 23.976)")]
    [InlineData("end", "0", "end is the session start; expected a position after the start")]
    [InlineData("tracks[0].format", "\"7.1.2\"", "unknown track format \"7.1.2\"; expected one of \"mono\", \"stereo\", \"LCR\", \"5.1\", \"7.1\"")]
    [InlineData("buses[0].format", "\"7.1.6\"", "unknown bus format \"7.1.6\"; expected one of \"mono\", \"stereo\", \"LCR\", \"5.1\", \"7.1\", \"7.1.2\", \"7.1.4\", \"9.1.6\"")]
    [InlineData("tracks[0].strip.fader", "12.5", "12.5 dB is out of range; expected a level in dB: a number up to +12 or the string \"-inf\"")]
    [InlineData("tracks[0].strip.fader", "1e400", "1e400 dB is out of range; expected a level in dB: a number up to +12 or the string \"-inf\"")]
    [InlineData("tracks[0].strip.pan.x", "-1e400", "-1e400 is out of range; expected a number from -1 to 1 (-1 left, +1 right)")]
    [InlineData("tracks[0].sends[0].level", "20", "20 dB is out of range; expected a level in dB: a number up to +12 or the string \"-inf\"")]
    [InlineData("vcas[0].fader", "13", "13 dB is out of range; expected a level in dB: a number up to +12 or the string \"-inf\"")]
    [InlineData("tracks[0].strip.trim", "24.5", "24.5 dB is out of range; expected a gain in dB from -24 to +24")]
    [InlineData("tracks[0].strip.trim", "\"-inf\"", "expected a gain in dB from -24 to +24, found the string \"-inf\"")]
    [InlineData("tracks[0].strip.pan.x", "1.5", "1.5 is out of range; expected a number from -1 to 1 (-1 left, +1 right)")]
    [InlineData("tracks[0].strip.pan.y", "-2", "-2 is out of range; expected a number from -1 to 1 (-1 back, +1 front)")]
    [InlineData("tracks[0].strip.pan.z", "-0.1", "-0.1 is out of range; expected a number from 0 to 1 (0 ear level, 1 top)")]
    [InlineData("tracks[0].strip.pan.width", "2", "2 is out of range; expected a number from 0 to 1 (0 both channels at the position, 1 full width)")]
    [InlineData("tracks[0].strip.pan.lfe", "13", "13 dB is out of range; expected a level in dB: a number up to +12 or the string \"-inf\"")]
    [InlineData("tracks[0].strip.pan.divergence", "1.5", "1.5 is out of range; expected a number from 0 to 1 (0 a point source, 1 as large as the room)")]
    [InlineData("tracks[0].strip.pan.rotation", "270", "270 is out of range; expected a number from -180 to 180 degrees, clockwise seen from above")]
    [InlineData("tracks[0].strip.pan.law", "\"-3\"", "unknown pan law \"-3\"; expected one of \"equalPower\", \"-3dB\", \"-4.5dB\", \"-6dB\"")]
    [InlineData("tracks[0].clips[0].gain", "30", "30 dB is out of range; expected a level in dB: a number up to +24 or the string \"-inf\"")]
    [InlineData("tracks[0].clips[0].sourceOffset", "-1", "-1 is negative; expected sourceOffset (first media frame played) as a whole number >= 0")]
    [InlineData("tracks[0].clips[0].length", "-48000", "-48000 is negative; expected length (frames played) as a whole number >= 1")]
    [InlineData("tracks[0].clips[0].length", "0", "0 is too small; expected length (frames played) as a whole number >= 1")]
    [InlineData("tracks[0].clips[0].position", "-5", "-5 is negative; expected position in samples from the session start (or a timecode string) as a whole number >= 0")]
    [InlineData("tracks[0].clips[0].fadeIn.length", "-480", "-480 is negative; expected the fade length in samples as a whole number >= 0")]
    [InlineData("tracks[0].clips[0].fadeIn.shape", "\"exponential\"", "unknown fade shape \"exponential\"; expected one of \"linear\", \"equalPower\", \"sCurve\"")]
    [InlineData("tracks[0].sends[0].tap", "\"postPan\"", "unknown send tap \"postPan\"; expected one of \"pre\", \"post\"")]
    [InlineData("outputs[0].sampleFormat", "\"int20\"", "unknown sample format \"int20\"; expected one of \"int16\", \"int24\", \"int32\", \"float32\", \"float64\"")]
    [InlineData("outputs[0].layout", "\"multimono\"", "unknown print layout \"multimono\"; expected one of \"interleaved\", \"multiMono\"")]
    [InlineData("outputs[0].file", "\"/tmp/PM.wav\"", "'/tmp/PM.wav' leaves the output folder; expected a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"")]
    [InlineData("outputs[0].file", "\"../PM.wav\"", "'../PM.wav' leaves the output folder; expected a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"")]
    [InlineData("outputs[0].file", "\"C:\\\\prints\\\\PM.wav\"", "'C:\\prints\\PM.wav' leaves the output folder; expected a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"")]
    [InlineData("outputs[0].file", "\"prints/.wav\"", "'prints/.wav' is not a .wav file name; expected a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"")]
    [InlineData("timecode.start", "\" 01:00:00:00\"", "bad timecode: ' 01:00:00:00' is not a timecode of the form hh:mm:ss:ff (expected hh:mm:ss:ff at 23.976)")]
    [InlineData("timecode.rate", "\"29.97 DF\"", "unknown timecode rate \"29.97 DF\"; expected one of \"23.976\", \"23.98\", \"24\", \"25\", \"29.97DF\", \"29.97NDF\", \"29.97\", \"30\", \"48\", \"50\", \"59.94DF\", \"59.94NDF\", \"59.94\", \"60\"")]
    [InlineData("outputs[0].file", "\"PM.aiff\"", "'PM.aiff' is not a .wav file name; expected a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"")]
    [InlineData("tracks[0].stem", "\"dx\"", "bad stem name 'dx'; expected DX, MX, FX, FOLEY, BG, ADR or a custom upper-case word (A-Z, 0-9, '_', starting with a letter)")]
    [InlineData("tracks[0].stem", "\"SFX-2\"", "bad stem name 'SFX-2'; expected DX, MX, FX, FOLEY, BG, ADR or a custom upper-case word (A-Z, 0-9, '_', starting with a letter)")]
    [InlineData("tracks[0].name", "\"\"", "'name' is empty; expected the track name (non-empty string)")]
    [InlineData("vcas[0].name", "\"  \"", "'name' is empty; expected the VCA name (non-empty string)")]
    [InlineData("tracks[0].name", "\"DX/1\"", "'DX/1' is not a valid track name; expected a non-empty name without '/', control characters or leading/trailing spaces (names are parameter address segments, e.g. track/DX 1/fader)")]
    [InlineData("buses[3].name", "\" PM\"", "' PM' is not a valid bus name; expected a non-empty name without '/', control characters or leading/trailing spaces (names are parameter address segments, e.g. bus/PM/fader)")]
    public void Bad_value_is_reported_with_the_expected_range(string field, string value, string message)
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set(field, JsonNode.Parse(value)), "$." + field);
        Assert.Equal(message, p.Message);
    }

    [Fact]
    public void Dropped_drop_frame_label_is_reported()
    {
        var doc = SessionFixture.Document().Set("timecode", JsonNode.Parse("""{ "rate": "29.97DF", "start": "01:00:00;00" }"""))
            .Set("end", 100_000);
        SessionFixture.At(doc, "tracks[0].clips[0]").AsObject()["position"] = "01:01:00;01";

        var p = SessionFixture.SingleProblem(doc, "$.tracks[0].clips[0].position");

        Assert.Equal("bad timecode: '01:01:00;01' does not exist in 29.97DF timecode (frames 0-1 are dropped at the start of minutes not divisible by 10) (expected hh:mm:ss:ff or hh:mm:ss;ff at 29.97DF)", p.Message);
    }

    [Fact]
    public void Level_minus_inf_is_accepted_for_faders_sends_and_lfe()
    {
        var doc = SessionFixture.Document().Set("tracks[0].strip.fader", "-inf").Set("tracks[0].sends[0].level", "-inf");
        var s = SessionFixture.Parse(doc);
        Assert.Equal(double.NegativeInfinity, s.Tracks[0].Strip.FaderDb);
        Assert.Equal(double.NegativeInfinity, s.Tracks[0].Sends[0].LevelDb);
    }

    [Theory]
    [InlineData("dx 1")]
    [InlineData("-dx")]
    [InlineData("dx#1")]
    public void Id_with_characters_outside_the_id_rule_is_reported(string id)
    {
        var doc = SessionFixture.Document().Set("tracks[0].id", id).Set("vcas[0].members", new JsonArray(id));
        var p = SessionFixture.SingleProblem(doc, "$.tracks[0].id");
        Assert.Equal($"'{id}' is not a valid id; expected an id of letters, digits, '_', '-' or '.', starting with a letter or digit", p.Message);
    }

    [Fact]
    public void Load_reads_a_file_and_resolves_media_next_to_it()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-session-").FullName;
        try
        {
            string path = Path.Combine(dir, "reel.session.json");
            File.WriteAllText(path, SessionFixture.Json);
            var probe = new FakeMediaProbe()
                .With($"{dir}/media/dx1.wav", 1, 480_000).With($"{dir}/media/mx.wav", 2, 96_000).With($"{dir}/media/fx51.wav", 6, 48_000);

            var s = SessionReader.Load(path, probe);

            Assert.Equal(dir, s.BaseDirectory);
            Assert.Equal($"{dir}/media/dx1.wav", s.ResolvePath(s.Tracks[0].Clips[0].Media));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8 with a byte-order mark")]
    [InlineData("utf-16 with a byte-order mark")]
    public void Load_reads_the_session_text_in_any_encoding_File_ReadAllText_reads(string encoding)
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-session-").FullName;
        try
        {
            string path = Path.Combine(dir, "reel.session.json");
            var text = encoding switch
            {
                "utf-8" => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                "utf-8 with a byte-order mark" => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
                _ => System.Text.Encoding.Unicode,
            };
            File.WriteAllText(path, SessionFixture.Json.Replace("\"name\": \"Test reel\"", "\"name\": \"Rolle 1 – Straße\""), text);
            var probe = new FakeMediaProbe()
                .With($"{dir}/media/dx1.wav", 1, 480_000).With($"{dir}/media/mx.wav", 2, 96_000).With($"{dir}/media/fx51.wav", 6, 48_000);

            Assert.Equal("Rolle 1 – Straße", SessionReader.Load(path, probe).Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_session_file_names_the_file()
    {
        var e = Assert.Throws<SessionValidationException>(() => SessionReader.Load("/nonexistent/reel.session.json", SessionFixture.Probe()));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("$", "/nonexistent/reel.session.json"), (p.JsonPath, p.File));
        Assert.StartsWith("cannot read the session file: ", p.Message);
    }

    [Fact]
    public void Worked_example_of_the_format_documentation_reads_with_the_documented_positions()
    {
        var s = DocumentedExample.Parse();

        Assert.Equal(["dx1", "tone", "mx1", "door", "amb"], s.Tracks.Select(t => t.Id));
        Assert.Equal(96_096, s.Tracks[0].Clips[0].Position);                       // 48 frames × 2002
        Assert.Equal([592_592L, 1_521_520L], s.Tracks[3].Clips.Select(c => c.Position)); // 296 and 760 frames × 2002
        Assert.Equal(1_921_920, s.Tracks[4].Clips[0].Length);                      // defaults to the media length
        Assert.Equal(4, s.Outputs.Count);
        Assert.Equal((0.15, false), (s.Tracks[2].Strip.Pan.Divergence, s.Tracks[2].Strip.Pan.Height));
    }

    [Fact]
    public void Whole_numbers_written_with_a_zero_fraction_are_accepted_as_JSON_Schema_integers()
    {
        var doc = SessionFixture.Document().Set("sampleRate", JsonNode.Parse("48000.0")).Set("mixengine", JsonNode.Parse("1.0"))
            .Set("tracks[0].clips[0].length", JsonNode.Parse("48000.0"));
        var s = SessionFixture.Parse(doc);
        Assert.Equal((48000, 48000L), (s.SampleRate, s.Tracks[0].Clips[0].Length));
    }
}
