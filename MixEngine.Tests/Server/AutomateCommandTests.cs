using System.Diagnostics;
using MixEngine.Automation;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public class AutomateCommandTests
{
    private const string LatchPass = """
        { "start": 0, "end": "01:00:01:00", "modes": { "track/DX 1": "latch" },
          "events": [ { "timecode": "01:00:00:12", "address": "track/DX 1/fader", "kind": "value", "value": -6 } ] }
        """;

    [Fact]
    public void Automate_writes_the_pass_into_the_session_and_keeps_the_previous_version()
    {
        using var folder = new SineSessionFolder();
        string pass = folder.Write("pass.json", LatchPass);
        var (exit, output, error) = CliRun.Run("automate", folder.SessionPath, "--pass", pass);
        Assert.True(exit == 0, error);
        Assert.Contains("wrote track/DX 1/fader", output);
        Assert.Equal(SineSessionFolder.SessionJson, File.ReadAllText(folder.SessionPath + ".bak"));
        var lane = SessionReader.Load(folder.SessionPath).Automation.Lane("track/DX 1/fader")!;
        Assert.Equal(-6.0, lane.Curve.ValueAt(24_000)); // 12 frames at 24 fps = 0.5 s
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), SessionReader.Load(folder.SessionPath).Automation.Modes["track/DX 1"]);
        Assert.False(File.Exists(PassJournal.For(folder.SessionPath))); // the journal goes once the session is saved
    }

    [Fact]
    public void Automate_with_out_leaves_the_original_session_alone()
    {
        using var folder = new SineSessionFolder();
        string pass = folder.Write("pass.json", LatchPass);
        string target = Path.Combine(folder.Directory, "session2.json");
        var (exit, _, error) = CliRun.Run("automate", folder.SessionPath, "--pass", pass, "--out", target);
        Assert.True(exit == 0, error);
        Assert.Equal(SineSessionFolder.SessionJson, File.ReadAllText(folder.SessionPath));
        Assert.NotNull(SessionReader.Load(target).Automation.Lane("track/DX 1/fader"));
    }

    [Fact]
    public void A_bad_pass_file_is_refused_naming_the_json_path()
    {
        using var folder = new SineSessionFolder();
        string pass = folder.Write("pass.json", """
            { "start": 0, "end": 100, "events": [ { "position": 5, "address": "track/DX 9/fader", "kind": "value", "value": 0 },
                                                  { "position": 6, "kind": "wiggle" } ] }
            """);
        var (exit, _, error) = CliRun.Run("automate", folder.SessionPath, "--pass", pass);
        Assert.Equal(2, exit);
        Assert.Contains("$.events[0].address: address 'track/DX 9/fader' names unknown track 'DX 9'", error);
        Assert.Contains("$.events[1].kind: unknown event kind \"wiggle\"", error);
        Assert.Equal(SineSessionFolder.SessionJson, File.ReadAllText(folder.SessionPath)); // nothing written
    }

    [Fact]
    public void A_pass_killed_mid_way_is_recovered_from_its_journal_up_to_the_flush_interval()
    {
        using var folder = new SineSessionFolder();
        // 10 s of moves every 50 ms, alternating -10 and -4 dB so thinning keeps every one.
        var events = Enumerable.Range(1, 200).Select(i =>
            $$"""{ "position": {{i * 2400}}, "address": "track/DX 1/fader", "kind": "value", "value": {{(i % 2 == 0 ? -4 : -10)}} }""");
        string pass = folder.Write("pass.json", $$"""{ "start": 0, "end": 480000, "modes": { "track/DX 1": "latch" }, "events": [ {{string.Join(",", events)}} ] }""");
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "MixEngine.Server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "automate", folder.SessionPath, "--pass", pass, "--pace", "realtime" }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null && line != "pass running") { }
        Assert.Equal("pass running", line);
        var clock = Stopwatch.StartNew();
        Thread.Sleep(1500);
        child.Kill(entireProcessTree: true);
        double killedAt = clock.Elapsed.TotalSeconds;
        child.WaitForExit();

        string journal = PassJournal.For(folder.SessionPath);
        var journaled = File.ReadAllLines(journal).Where(l => l.Contains("\"move\"") && l.EndsWith('}')).ToList();
        Assert.Equal(SineSessionFolder.SessionJson, File.ReadAllText(folder.SessionPath)); // the crash wrote nothing into the session
        var (exit, output, error) = CliRun.Run("automate", folder.SessionPath, "--recover");
        Assert.True(exit == 0, error);
        Assert.Contains("recovered 1 pass", output);

        var curve = SessionReader.Load(folder.SessionPath).Automation.Lane("track/DX 1/fader")!.Curve;
        for (int i = 1; i <= journaled.Count; i++)
            Assert.Contains(new AutomationPoint(i * 2400, i % 2 == 0 ? -4 : -10), curve.Points); // every journaled move, in order
        // Bounded delay: moves older than the 100 ms flush interval at the kill were on disk (500 ms slack for a loaded machine).
        double lastOnDisk = journaled.Count * 0.05;
        Assert.True(lastOnDisk >= killedAt - PassJournal.FlushInterval.TotalSeconds - 0.5, $"{journaled.Count} moves on disk after {killedAt:0.000} s");
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void Automate_refuses_to_start_while_an_interrupted_pass_waits_in_the_journal()
    {
        using var folder = new SineSessionFolder();
        File.WriteAllText(PassJournal.For(folder.SessionPath), "{\"event\":\"begin\",\"position\":0}\n");
        string pass = folder.Write("pass.json", LatchPass);
        var (exit, _, error) = CliRun.Run("automate", folder.SessionPath, "--pass", pass);
        Assert.Equal(2, exit);
        Assert.Contains("holds an interrupted pass; run with --recover", error);
        Assert.Equal(0, CliRun.Run("automate", folder.SessionPath, "--discard-journal").Exit);
        Assert.Equal(0, CliRun.Run("automate", folder.SessionPath, "--pass", pass).Exit);
    }
}
