using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public class ServeCommandTests
{
    [Fact]
    public void Asking_for_jack_without_a_server_fails_with_a_message_naming_the_device_and_the_server()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "jack", "--jack-server", "nosuchserver");
        Assert.Equal(ExitCode.Failed, exit);
        Assert.Contains("--device jack", err);
        Assert.True(err.Contains("'nosuchserver'") || err.Contains("libjack.so.0"), err); // the server, or the missing library
    }

    [Fact]
    public void A_malformed_connection_rule_is_refused_naming_it()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--connect", "PM:*");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("'PM:*'", err);
    }

    [Fact]
    public void An_unknown_monitor_bus_is_refused_naming_it()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--monitor", "nope");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("monitor source 'nope'", err);
    }

    [Fact]
    public void A_block_size_out_of_range_is_refused_with_the_allowed_range()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--block", "4");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--block 4", err);
        Assert.Contains("16 … 8192", err);
    }

    [Fact]
    public void A_render_thread_count_below_one_is_refused_with_the_allowed_range()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--render-threads", "0");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--render-threads 0", err);
        Assert.Contains("1 … 64", err);
    }

    [Fact]
    public void A_realtime_priority_out_of_range_is_refused_with_the_allowed_range()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--realtime-priority", "100");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--realtime-priority 100 is out of range; expected 0 (off) or 1 … 99", err);
    }

    [Fact]
    public void A_missing_session_file_is_reported_by_path()
    {
        var (exit, _, err) = CliRun.Run("serve", "--session", "/nonexistent/reel.json");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("/nonexistent/reel.json", err);
    }

    [Fact]
    public void An_osc_port_out_of_range_is_refused_naming_the_option()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--osc-port", "70000");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--osc-port 70000", err);
        Assert.Contains("1 … 65535", err);
    }

    [Fact]
    public void An_allow_list_entry_that_is_not_an_address_is_refused_naming_it()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--osc-allow", "studio-lan");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--osc-allow 'studio-lan'", err);
    }

    [Fact]
    public void A_meter_rate_above_30_hz_is_refused()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--osc-meter-rate", "60");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--osc-meter-rate", err);
        Assert.Contains("1 … 30 Hz", err);
    }

    [Fact]
    public void Record_print_of_a_session_without_prints_is_refused()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--print", "/tmp/nowhere");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--print /tmp/nowhere", err);
        Assert.Contains("has no prints", err);
    }

    [Fact]
    public void A_negative_audio_cpu_is_refused_naming_the_option()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--audio-cpu", "-1");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--audio-cpu -1 is out of range; expected a CPU number, 0 or more", err);
    }

    [Fact]
    public void Reserving_the_audio_cpu_without_naming_it_is_refused()
    {
        var (exit, _, err) = CliRun.Run("serve", "--device", "null", "--reserve-audio-cpu");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--reserve-audio-cpu needs --audio-cpu N", err);
    }
}
