using System.Globalization;

namespace MixEngine.Session;

/// <summary>
/// A timecode label (hh:mm:ss:ff, or hh:mm:ss;ff for drop-frame) at a given rate, and its exact mapping to samples.
/// Samples since midnight = ceil(frameCount × sampleRate × den / num) (formats.md §6): exact for integer rates and
/// 23.976, and the next whole sample for drop-frame positions that fall between samples, as BWF readers expect.
/// Immutable value; any thread.
/// </summary>
public readonly record struct Timecode(int Hours, int Minutes, int Seconds, int Frames, TimecodeRate Rate)
{
    /// <summary>Number of frames since 00:00:00:00, honouring drop-frame labelling.</summary>
    public long FrameCount
    {
        get
        {
            long fps = Rate.NominalFps;
            long totalMinutes = 60L * Hours + Minutes;
            long frames = (3600L * Hours + 60L * Minutes + Seconds) * fps + Frames;
            return frames - Rate.DroppedPerMinute * (totalMinutes - totalMinutes / 10);
        }
    }

    /// <summary>Samples since midnight of this label's first sample: ceil(frames × rate × den / num).</summary>
    public long ToSamplesSinceMidnight(int sampleRate) => FrameToSamples(FrameCount, sampleRate, Rate);

    /// <summary>First sample (since midnight) of frame number <paramref name="frameCount"/>.</summary>
    public static long FrameToSamples(long frameCount, int sampleRate, TimecodeRate rate)
    {
        Int128 numerator = (Int128)frameCount * sampleRate * rate.Denominator;
        Int128 q = numerator / rate.Numerator;
        if (q * rate.Numerator != numerator && numerator > 0) q += 1;
        return (long)q;
    }

    /// <summary>The label of the frame containing sample <paramref name="samplesSinceMidnight"/> (inverse of <see cref="ToSamplesSinceMidnight"/>).</summary>
    public static Timecode FromSamplesSinceMidnight(long samplesSinceMidnight, int sampleRate, TimecodeRate rate)
    {
        Int128 frames = (Int128)samplesSinceMidnight * rate.Numerator / ((Int128)sampleRate * rate.Denominator);
        return FromFrameCount((long)frames, rate);
    }

    /// <summary>The label of frame number <paramref name="frameCount"/> since midnight.</summary>
    public static Timecode FromFrameCount(long frameCount, TimecodeRate rate)
    {
        long fps = rate.NominalFps;
        long n = frameCount;
        if (rate.DropFrame)
        {
            long drop = rate.DroppedPerMinute;
            long perTenMinutes = fps * 600 - 9 * drop;
            long perMinute = fps * 60 - drop;
            long d = n / perTenMinutes;
            long m = n % perTenMinutes;
            n += 9 * drop * d + (m > drop ? drop * ((m - drop) / perMinute) : 0);
        }
        int frames = (int)(n % fps);
        long totalSeconds = n / fps;
        return new Timecode((int)(totalSeconds / 3600), (int)(totalSeconds / 60 % 60), (int)(totalSeconds % 60), frames, rate);
    }

    /// <summary>
    /// Parses "hh:mm:ss:ff" (or with ';' or '.' before the frames). Returns false with a reason when the text is not a
    /// valid label at <paramref name="rate"/> (frames past the rate, a dropped drop-frame label, fields out of range).
    /// </summary>
    public static bool TryParse(string? text, TimecodeRate rate, out Timecode timecode, out string error)
    {
        timecode = default;
        error = "";
        if (text is null)
        {
            error = "expected a timecode string hh:mm:ss:ff";
            return false;
        }
        var parts = text.Trim().Split(':', ';', '.');
        if (parts.Length != 4 || !parts.All(p => p.Length is >= 1 and <= 2 && p.All(char.IsAsciiDigit)))
        {
            error = $"'{text}' is not a timecode of the form hh:mm:ss:ff";
            return false;
        }
        int h = int.Parse(parts[0], CultureInfo.InvariantCulture), m = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int s = int.Parse(parts[2], CultureInfo.InvariantCulture), f = int.Parse(parts[3], CultureInfo.InvariantCulture);
        if (h > 23 || m > 59 || s > 59)
        {
            error = $"'{text}' has hours, minutes or seconds out of range (hours 0-23, minutes and seconds 0-59)";
            return false;
        }
        if (f >= rate.NominalFps)
        {
            error = $"'{text}' has frame {f}, but {rate.Name} timecode counts frames 0-{rate.NominalFps - 1}";
            return false;
        }
        if (rate.DropFrame && s == 0 && m % 10 != 0 && f < rate.DroppedPerMinute)
        {
            error = $"'{text}' does not exist in {rate.Name} timecode (frames 0-{rate.DroppedPerMinute - 1} are dropped at the start of minutes not divisible by 10)";
            return false;
        }
        timecode = new Timecode(h, m, s, f, rate);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hours:00}:{Minutes:00}:{Seconds:00}{(Rate.DropFrame ? ';' : ':')}{Frames:00}");
}
