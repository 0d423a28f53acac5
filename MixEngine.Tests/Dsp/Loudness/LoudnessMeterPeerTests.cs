using System.Globalization;
using MixEngine.Dsp.Loudness;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>
/// Agreement with libebur128 1.2.6 (Debian libebur128-dev, compiled into a small peer program by the test) on varied
/// material: integrated and max short-term within 0.05 LU, LRA within 0.1 LU (Tech 3342 applied to libebur128's
/// short-term readings at 10 Hz, see the assertion), true peak within 0.1 dB.
/// </summary>
public sealed class LoudnessMeterPeerTests
{
    // libebur128 channel enum (ebur128.h): UNUSED 0, LEFT 1, RIGHT 2, CENTER 3, Mp110 4, Mm110 5, Mp090 11,
    // Mm090 12, Mp135 13, Mm135 14, Up045 19, Um045 20, Up135 25, Um135 26.
    public static TheoryData<string, int, int[], double[]> Materials => new()
    {
        { "stereo noise bursts with gaps", 48000, [1, 2], [1, 1] },
        { "stereo tone sequence", 44100, [1, 2], [1, 1] },
        { "5.1 programme", 48000, [1, 2, 3, 0, 4, 5], [1, 1, 1, 0, 1.41, 1.41] },
        { "7.1.4 programme", 48000, [1, 2, 3, 0, 13, 14, 11, 12, 19, 20, 25, 26], [1, 1, 1, 0, 1, 1, 1.41, 1.41, 1, 1, 1, 1] },
        { "mono noise at 96 kHz", 96000, [3], [1] },
    };

    [PeerTheory("gcc", "/usr/include/ebur128.h")]
    [MemberData(nameof(Materials))]
    public void Agrees_with_libebur128(string material, int rate, int[] ebuChannels, double[] weights)
    {
        var signal = Material(material, rate, weights.Length);
        var meter = new LoudnessMeter(rate, weights);
        for (int offset = 0; offset < signal[0].Length; offset += 1000)
            meter.RtProcess(signal, offset, Math.Min(1000, signal[0].Length - offset));

        var peer = RunPeer(rate, signal, ebuChannels);
        Assert.Equal(peer[0], meter.Integrated, 0.05);
        // LRA: libebur128's own figure samples short-term once a second, Tech 3342 (and this meter) ten times; the peer
        // program applies Tech 3342 to libebur128's short-term readings at 10 Hz, which is what is compared here.
        Assert.Equal(peer[1], meter.LoudnessRange, 0.1);
        Assert.Equal(peer[3], meter.MaxShortTerm, 0.05);
        for (int c = 0; c < weights.Length; c++)
        {
            if (ebuChannels[c] == 0) continue; // libebur128 does not track peaks of channels marked unused (LFE)
            Assert.Equal(peer[5 + c], LoudnessMath.AmplitudeToDb(meter.TruePeak(c)), 0.1);
        }
    }

    private static double[][] Material(string name, int rate, int channels)
    {
        var rng = new Random(1770);
        int length = rate * 24;
        double[] toneFrequencies = [100.0, 1000, 5000];
        var x = new double[channels][];
        for (int c = 0; c < channels; c++) x[c] = new double[length];
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / rate;
            for (int c = 0; c < channels; c++)
            {
                double v = name switch
                {
                    // 2 s bursts of white noise at varying levels separated by 1 s of silence.
                    "stereo noise bursts with gaps" => t % 3 < 2 ? Math.Pow(10, (-30 + 8 * Math.Sin(t)) / 20) * (rng.NextDouble() * 2 - 1) : 0,
                    // Tones at 100 Hz, 1 kHz, 5 kHz in 4 s steps with levels from −40 to −10 dBFS.
                    "stereo tone sequence" => Math.Pow(10, (-40 + 3 * ((int)(t / 4) % 11)) / 20) * Math.Sin(2 * Math.PI * toneFrequencies[(int)(t / 4) % 3] * t),
                    // Noise with a slow level contour per channel, and a 2 kHz tone in the centre.
                    _ => Math.Pow(10, (-32 + 10 * Math.Sin(0.2 * t + c)) / 20) * (rng.NextDouble() * 2 - 1)
                         + (c == 2 ? 0.05 * Math.Sin(2 * Math.PI * 2000 * t) : 0),
                };
                x[c][i] = v;
            }
        }
        // Band-limit to about 4 kHz (four one-pole low-passes, ≈ −60 dB at 24 kHz): true peak of full-band noise
        // depends on each interpolator's response near Nyquist, which BS.1770 leaves open.
        double a = Math.Exp(-2 * Math.PI * 4000 / rate);
        foreach (var ch in x)
        {
            for (int pass = 0; pass < 4; pass++)
            {
                double y = 0;
                for (int i = 0; i < ch.Length; i++) ch[i] = y = (1 - a) * ch[i] + a * y;
            }
        }
        return x;
    }

    private static double[] RunPeer(int rate, double[][] signal, int[] ebuChannels)
    {
        string dir = Directory.CreateTempSubdirectory("ebur128-peer").FullName;
        try
        {
            string exe = Path.Combine(dir, "ebur128_measure");
            string source = Path.Combine(AppContext.BaseDirectory, "Data", "peers", "ebur128_measure.c");
            var build = PeerTools.Run("gcc", "-O2", "-o", exe, source, "-lebur128", "-lm");
            Assert.True(build.ExitCode == 0, build.StdErr);
            string raw = Path.Combine(dir, "signal.f64");
            using (var w = new BinaryWriter(File.Create(raw)))
                for (int i = 0; i < signal[0].Length; i++)
                    foreach (var ch in signal) w.Write(ch[i]);
            var args = new List<string> { rate.ToString(CultureInfo.InvariantCulture), signal.Length.ToString(CultureInfo.InvariantCulture), raw };
            args.AddRange(ebuChannels.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            var run = PeerTools.Run(exe, [.. args]);
            Assert.True(run.ExitCode == 0, run.StdErr);
            return run.StdOut.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s.Replace("inf", "Infinity"), CultureInfo.InvariantCulture)).ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
