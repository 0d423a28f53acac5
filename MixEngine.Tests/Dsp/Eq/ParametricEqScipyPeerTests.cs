using System.Globalization;
using MixEngine.Dsp.Eq;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Eq;

/// <summary>
/// scipy.signal (Debian python3-scipy, through MixEngine.Tests/Data/peers/eq_scipy.py) as the independent filter
/// implementation: sosfilt and sosfreqz on the kernel's own coefficients, and scipy's own Butterworth design.
/// </summary>
public sealed class ParametricEqScipyPeerTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const int Rate = EqResponse.Rate;
    private readonly string _dir = Directory.CreateTempSubdirectory("mixengine-eq-scipy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<EqBand> Bands => new()
    {
        EqBand.HighPass(30, 48), EqBand.LowPass(9000, 18), EqBand.LowShelf(150, -8), EqBand.HighShelf(12_000, 5, 0.9),
        EqBand.Bell(2500, 10, 3), EqBand.Bell(19_000, -15, 0.8), EqBand.Notch(50, 10), EqBand.BandPass(700, 1.5),
        EqBand.Bell(400, 6, 1) with { Design = EqDesign.Bilinear }, EqBand.HighPass(100, 36) with { Design = EqDesign.Bilinear },
    };

    [PeerTheory(Python)]
    [MemberData(nameof(Bands))]
    public void Kernel_output_equals_scipy_sosfilt_with_the_same_coefficients_on_the_same_noise(EqBand band)
    {
        string sections = WriteSections(band);
        var x = TestSignals.Noise(Rate / 2, seed: 77);
        string input = Path.Combine(_dir, "in.f64"), output = Path.Combine(_dir, "out.f64");
        File.WriteAllBytes(input, x.SelectMany(BitConverter.GetBytes).ToArray());
        Run("sosfilt", sections, input, output);
        var bytes = File.ReadAllBytes(output);
        var peer = Enumerable.Range(0, x.Length).Select(i => BitConverter.ToDouble(bytes, i * 8)).ToArray();

        var y = (double[])x.Clone();
        EqResponse.Kernel(band, maxBlock: y.Length).RtProcess([y], y.Length);
        double worst = y.Zip(peer, (a, b) => Math.Abs(a - b)).Max();
        // 1e-10: direct form I (ours) and scipy's transposed form II round differently; a 30 Hz section at 48 kHz
        // amplifies that rounding (poles within 0.004 of the unit circle), still 200 dB below the 0.5 signal.
        Assert.True(worst < 1e-10, $"largest difference {worst:E2}");
    }

    [PeerTheory(Python)]
    [MemberData(nameof(Bands))]
    public void Measured_response_equals_scipy_sosfreqz_of_the_same_coefficients(EqBand band)
    {
        string sections = WriteSections(band);
        var peer = Db(Run("sosfreqz", sections, Rate.ToString(CultureInfo.InvariantCulture), WriteGrid()));
        var measured = EqResponse.MeasuredDb(band, EqResponse.Grid);
        for (int i = 0; i < measured.Length; i++)
            Assert.True(Math.Abs(measured[i] - peer[i]) < 0.01, $"{EqResponse.Grid[i]:F1} Hz: {measured[i]:F5} vs scipy {peer[i]:F5} dB"); // the issue's 0.01 dB
    }

    [PeerTheory(Python)]
    [InlineData(6, "high", 1000.0)]
    [InlineData(12, "high", 80.0)]
    [InlineData(18, "low", 5000.0)]
    [InlineData(24, "high", 40.0)]
    [InlineData(36, "low", 12_000.0)]
    [InlineData(48, "low", 2000.0)]
    public void Bilinear_butterworth_cascades_equal_scipy_butter(int slope, string kind, double hz)
    {
        var band = new EqBand(kind == "high" ? EqBandType.HighPass : EqBandType.LowPass, hz, SlopeDbPerOctave: slope, Design: EqDesign.Bilinear);
        var peer = Db(Run("butter", (slope / 6).ToString(CultureInfo.InvariantCulture), hz.ToString("R", CultureInfo.InvariantCulture), kind, Rate.ToString(CultureInfo.InvariantCulture), WriteGrid()));
        var measured = EqResponse.MeasuredDb(band, EqResponse.Grid);
        for (int i = 0; i < measured.Length; i++)
        {
            if (peer[i] < -200) continue; // below −200 dB both are rounding noise of a 1.0 impulse
            Assert.True(Math.Abs(measured[i] - peer[i]) < 0.01, $"{EqResponse.Grid[i]:F1} Hz: {measured[i]:F5} vs scipy {peer[i]:F5} dB"); // the issue's 0.01 dB
        }
    }

    private string WriteSections(EqBand band)
    {
        var s = new double[EqDesigner.MaxSections * EqDesigner.Stride];
        int count = EqDesigner.Design(band.Type, band.Design, band.Order, new DesignCorner(band.Type, band.Design, band.FrequencyHz, band.Q, Rate), band.GainDb, s);
        var lines = Enumerable.Range(0, count).Select(k => string.Join(' ', Enumerable.Range(0, 5).Select(j => s[k * 5 + j].ToString("R", CultureInfo.InvariantCulture))));
        string path = Path.Combine(_dir, "sections.txt");
        File.WriteAllLines(path, lines.ToArray());
        return path;
    }

    private string WriteGrid()
    {
        string path = Path.Combine(_dir, "freqs.txt");
        File.WriteAllLines(path, EqResponse.Grid.Select(f => f.ToString("R", CultureInfo.InvariantCulture)));
        return path;
    }

    private static double[] Db(string stdout)
        => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static string Run(params string[] args)
    {
        var (exit, stdout, stderr) = PeerTools.Run(Python, [RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/eq_scipy.py"), .. args]);
        Assert.True(exit == 0, $"eq_scipy.py {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }
}
