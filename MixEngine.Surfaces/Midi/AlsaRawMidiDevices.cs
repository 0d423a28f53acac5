using System.Text.RegularExpressions;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// Lists ALSA raw MIDI devices from the device directory (<c>/dev/snd</c>) and names them from procfs
/// (<c>/proc/asound</c>; spec surfaces.md §5.2). Both roots can be replaced (tests, containers with other mounts).
/// Control thread; reads a few small files.
/// </summary>
public static partial class AlsaRawMidiDevices
{
    /// <summary>The device directory on Linux.</summary>
    public const string DeviceRoot = "/dev/snd";

    /// <summary>The ALSA procfs directory on Linux.</summary>
    public const string ProcRoot = "/proc/asound";

    [GeneratedRegex(@"^midiC(\d+)D(\d+)$")]
    private static partial Regex DeviceFile();

    /// <summary>The devices present, ordered by card then device; empty when the device directory does not exist.</summary>
    public static IReadOnlyList<AlsaRawMidiDevice> List(string deviceRoot = DeviceRoot, string procRoot = ProcRoot)
    {
        if (!Directory.Exists(deviceRoot)) return [];
        var devices = new List<AlsaRawMidiDevice>();
        foreach (var path in Directory.EnumerateFileSystemEntries(deviceRoot))
        {
            var match = DeviceFile().Match(System.IO.Path.GetFileName(path));
            if (!match.Success) continue;
            int card = int.Parse(match.Groups[1].Value), device = int.Parse(match.Groups[2].Value);
            string cardDir = System.IO.Path.Combine(procRoot, $"card{card}");
            string cardId = FirstLine(System.IO.Path.Combine(cardDir, "id")) ?? $"card{card}";
            string name = NameFromInfo(System.IO.Path.Combine(cardDir, $"midi{device}")) ?? cardId;
            devices.Add(new AlsaRawMidiDevice(card, device, path, cardId, name));
        }
        return [.. devices.OrderBy(d => d.Card).ThenBy(d => d.Device)];
    }

    // /proc/asound/cardN/midiD starts with the device name on its first line (e.g. "X-Touch").
    private static string? NameFromInfo(string path) => FirstLine(path);

    private static string? FirstLine(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            string? line = reader.ReadLine()?.Trim();
            return string.IsNullOrEmpty(line) ? null : line;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
