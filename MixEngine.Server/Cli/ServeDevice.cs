using MixEngine.Devices;
using MixEngine.Devices.Jack;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// Picks and opens <c>serve</c>'s audio device: <c>null</c> (real-time pace, no hardware), <c>jack</c> (fails with the
/// JACK device's message when libjack or a server is missing, or the server runs at another rate), or <c>auto</c>
/// (JACK when it opens, otherwise the null device with the reason in the log). The JACK device's notices (connections,
/// server lost, reconnection attempts) go to the log. Control side (serve's main thread).
/// </summary>
internal static class ServeDevice
{
    /// <summary>Opens the chosen device with <paramref name="portNames"/>; throws <see cref="AudioDeviceException"/> when <c>jack</c> was asked for and cannot open.</summary>
    public static IAudioDevice Open(string choice, JackDeviceOptions jack, int nullBlock, IReadOnlyList<string> portNames, ILogger log)
    {
        if (choice != "null")
        {
            var device = new JackDevice(jack);
            device.Notice += message => log.Information("{Notice}", message);
            device.StatusChanged += status => log.Information("Device {Device} is {Status}", device.Name, status);
            try
            {
                device.Open(portNames);
                return device;
            }
            catch (AudioDeviceException e) when (choice == "auto")
            {
                device.Dispose();
                log.Information("Device {Device}: JACK is not available ({Reason}); using the null device", "null", e.Message);
            }
            catch
            {
                device.Dispose();
                throw;
            }
        }
        var fallback = new NullClockDevice(jack.SampleRate, nullBlock, NullClockPace.RealTime);
        fallback.Open(portNames);
        return fallback;
    }

    /// <summary>Device counters for the timing log line: late periods of the null device, or xruns and reconnections of JACK.</summary>
    public static string Counters(IAudioDevice device) => device switch
    {
        NullClockDevice n => $"late periods {n.LatePeriods}",
        JackDevice j => $"JACK xruns {j.Xruns}, reconnections {j.Reconnections}, faults {j.Faults}",
        _ => "",
    };
}
