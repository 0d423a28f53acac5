using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class ParameterCatalogTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.For(SessionFixture.Parse(SessionFixture.Document()));

    [Fact]
    public void Catalog_lists_every_strip_send_and_vca_parameter_in_session_order()
    {
        string[] strip = ["trim", "polarity", "fader", "mute", "solo", "soloSafe", "pan/x", "pan/y", "pan/z", "pan/width", "pan/lfe", "pan/divergence", "pan/rotation", "pan/height"];
        var expected = new List<string>();
        expected.AddRange(strip.Select(p => $"track/DX 1/{p}"));
        expected.AddRange(["track/DX 1/send/Reverb/level", "track/DX 1/send/Reverb/mute"]);
        foreach (string owner in new[] { "track/Music", "track/FX 5.1", "bus/DX", "bus/MX", "bus/Reverb", "bus/Printmaster" })
            expected.AddRange(strip.Select(p => $"{owner}/{p}"));
        expected.AddRange(["vca/Dialog/fader", "vca/Dialog/mute"]);

        Assert.Equal(expected, Catalog.Parameters.Select(p => p.Descriptor.Address.ToString()));
    }

    [Theory]
    [InlineData("track/DX 1/trim", 1.5)]
    [InlineData("track/DX 1/fader", -3.5)]
    [InlineData("track/DX 1/pan/x", -0.25)]
    [InlineData("track/DX 1/pan/y", 1.0)]
    [InlineData("track/DX 1/pan/width", 1.0)]
    [InlineData("track/DX 1/send/Reverb/level", -12.0)]
    [InlineData("track/DX 1/send/Reverb/mute", 0.0)]
    [InlineData("track/DX 1/mute", 0.0)]
    [InlineData("vca/Dialog/fader", -1.0)]
    [InlineData("bus/Printmaster/fader", 0.0)]
    public void Values_are_the_sessions_current_settings(string address, double value)
    {
        Assert.Equal(value, Catalog.Find(address).Value); // exact: copied from the session, no arithmetic
    }

    [Fact]
    public void Off_levels_read_as_minus_infinity_dB()
    {
        Assert.Equal(double.NegativeInfinity, Catalog.Find("track/DX 1/pan/lfe").Value);
    }

    [Fact]
    public void Id_form_and_send_by_bus_id_find_the_same_parameter_as_the_name_form()
    {
        Assert.Same(Catalog.Find("track/DX 1/fader"), Catalog.Find("track#dx1/fader"));
        Assert.Same(Catalog.Find("track/DX 1/send/Reverb/level"), Catalog.Find("track#dx1/send#verb/level"));
        Assert.Same(Catalog.Find("bus/Printmaster/mute"), Catalog.Find(ParameterAddress.Parse("bus#pm/mute")));
    }

    [Fact]
    public void Finding_a_name_form_address_text_or_parsed_allocates_nothing()
    {
        // Every stamped move is looked up by its name form (the automation recorder, 200 moves a second in the realtime
        // benchmark): no garbage per move. Exact 0 bytes after the first call.
        Assert.Same(Catalog.Find("track#dx1/fader"), Catalog.Find("track/DX 1/fader"));
        var parsed = ParameterAddress.Parse("track/DX 1/send/Reverb/level");
        Assert.Same(Catalog.Find("track#dx1/send#verb/level"), Catalog.Find(parsed));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                Catalog.Find("track/DX 1/fader");
                Catalog.Find(parsed);
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Descriptors_give_unit_range_default_taper_and_automation_flags()
    {
        var fader = Catalog.Find("track/DX 1/fader").Descriptor;
        Assert.Equal((ParameterUnit.Decibels, "dB", double.NegativeInfinity, 12.0, 0.0, "audioFader", true, true),
            (fader.Unit, fader.UnitSymbol, fader.Minimum, fader.Maximum, fader.Default, fader.Taper, fader.Automatable, fader.Trimmable));
        var trim = Catalog.Find("track/DX 1/trim").Descriptor;
        Assert.Equal((ParameterUnit.Decibels, -24.0, 24.0, "linear", true, false),
            (trim.Unit, trim.Minimum, trim.Maximum, trim.Taper, trim.Automatable, trim.Trimmable));
        var solo = Catalog.Find("bus/DX/solo").Descriptor;
        Assert.Equal((ParameterUnit.Boolean, "bool", 0.0, 1.0, "toggle", false), (solo.Unit, solo.UnitSymbol, solo.Minimum, solo.Maximum, solo.Taper, solo.Automatable));
        var z = Catalog.Find("track/Music/pan/z").Descriptor;
        Assert.Equal((ParameterUnit.Position, 0.0, 1.0, 0.0), (z.Unit, z.Minimum, z.Maximum, z.Default));
        var y = Catalog.Find("track/Music/pan/y").Descriptor;
        Assert.Equal((-1.0, 1.0, 1.0), (y.Minimum, y.Maximum, y.Default));
        var width = Catalog.Find("track/Music/pan/width").Descriptor;
        Assert.Equal((ParameterUnit.Fraction, "fraction", 1.0), (width.Unit, width.UnitSymbol, width.Default));
        var rotation = Catalog.Find("track/Music/pan/rotation").Descriptor;
        Assert.Equal((ParameterUnit.Degrees, "degrees", -180.0, 180.0, 0.0, true), (rotation.Unit, rotation.UnitSymbol, rotation.Minimum, rotation.Maximum, rotation.Default, rotation.Automatable));
        var divergence = Catalog.Find("track/Music/pan/divergence").Descriptor;
        Assert.Equal((ParameterUnit.Fraction, 0.0, 1.0, 0.0), (divergence.Unit, divergence.Minimum, divergence.Maximum, divergence.Default));
        var height = Catalog.Find("track/Music/pan/height");
        Assert.Equal((ParameterUnit.Boolean, 1.0, 1.0, true), (height.Descriptor.Unit, height.Descriptor.Default, height.Value, height.Descriptor.Automatable));
        var send = Catalog.Find("track/DX 1/send/Reverb/level").Descriptor;
        Assert.Equal((true, true), (send.Automatable, send.Trimmable));
        Assert.False(Catalog.Find("track/DX 1/polarity").Descriptor.Automatable);
        Assert.True(Catalog.Find("vca/Dialog/fader").Descriptor.Trimmable);
    }

    [Fact]
    public void Unknown_track_is_an_error_naming_the_address_and_the_tracks()
    {
        var e = Assert.Throws<ParameterAddressException>(() => Catalog.Find("track/DX 9/fader"));
        Assert.Equal("track/DX 9/fader", e.Address);
        Assert.Equal("address 'track/DX 9/fader' names unknown track 'DX 9'; tracks: DX 1, Music, FX 5.1", e.Message);
    }

    [Fact]
    public void Unknown_id_is_an_error_listing_the_ids()
    {
        var e = Assert.Throws<ParameterAddressException>(() => Catalog.Find("bus#pmx/fader"));
        Assert.Equal("address 'bus#pmx/fader' names unknown bus id 'pmx'; bus ids: dx, mxbus, verb, pm", e.Message);
    }

    [Fact]
    public void Unknown_parameter_is_an_error_listing_the_parameters_of_that_strip()
    {
        var e = Assert.Throws<ParameterAddressException>(() => Catalog.Find("vca/Dialog/pan/x"));
        Assert.Equal("address 'vca/Dialog/pan/x' names unknown parameter 'pan/x' of VCA 'Dialog'; expected one of: fader, mute", e.Message);
    }

    [Fact]
    public void Send_to_a_bus_the_strip_does_not_feed_is_an_unknown_parameter()
    {
        var e = Assert.Throws<ParameterAddressException>(() => Catalog.Find("track/Music/send/Reverb/level"));
        Assert.StartsWith("address 'track/Music/send/Reverb/level' names unknown parameter 'send/Reverb/level' of track 'Music'; expected one of: trim, polarity,", e.Message);
    }

    [Fact]
    public void Malformed_address_is_an_error_naming_it()
    {
        var e = Assert.Throws<ParameterAddressException>(() => Catalog.Find("mixer/DX 1/fader"));
        Assert.Equal("mixer/DX 1/fader", e.Address);
        Assert.StartsWith("address 'mixer/DX 1/fader' starts with unknown scope 'mixer'", e.Message);
    }

    [Fact]
    public void Inserted_processing_is_listed_after_the_pan_with_its_units_and_values()
    {
        var catalog = ParameterCatalog.For(SessionFixture.Parse(ProcessingFixture.Document()));

        var dx = catalog.Parameters.Select(p => p.Descriptor.Address.ToString()).Where(a => a.StartsWith("track/DX 1/", StringComparison.Ordinal))
            .Select(a => a["track/DX 1/".Length..]).ToList();

        Assert.Equal(
            [
                "trim", "polarity", "fader", "mute", "solo", "soloSafe", "pan/x", "pan/y", "pan/z", "pan/width", "pan/lfe",
                "pan/divergence", "pan/rotation", "pan/height",
                "eq/1/enabled", "eq/1/frequency", "eq/2/enabled", "eq/2/frequency", "eq/2/gain", "eq/2/q",
                "eq/3/enabled", "eq/3/frequency", "eq/3/gain", "eq/3/q", "eq/4/enabled", "eq/4/frequency", "eq/4/q",
                "dyn/gate/enabled", "dyn/gate/threshold", "dyn/gate/range", "dyn/gate/ratio", "dyn/gate/attack", "dyn/gate/hold",
                "dyn/gate/release", "dyn/gate/hysteresis",
                "dyn/comp/enabled", "dyn/comp/threshold", "dyn/comp/ratio", "dyn/comp/knee", "dyn/comp/attack", "dyn/comp/release",
                "dyn/comp/makeup", "dyn/comp/sidechainHighPass", "dyn/comp/detection",
                "dyn/deesser/enabled", "dyn/deesser/frequency", "dyn/deesser/threshold", "dyn/deesser/range",
                "dyn/deesser/q", "dyn/deesser/ratio", "dyn/deesser/attack", "dyn/deesser/release",
                "dyn/limiter/enabled", "dyn/limiter/ceiling", "dyn/limiter/release",
                "send/Reverb/level", "send/Reverb/mute",
            ], dx);
        var gain = catalog.Find("track/DX 1/eq/2/gain");
        Assert.Equal((ParameterUnit.Decibels, -24.0, 24.0, 0.0, "linear", true, -3.5),
            (gain.Descriptor.Unit, gain.Descriptor.Minimum, gain.Descriptor.Maximum, gain.Descriptor.Default, gain.Descriptor.Taper,
                gain.Descriptor.Automatable, gain.Value));
        Assert.Equal(("Hz", 80.0), (catalog.Find("track#dx1/eq/1/frequency").Descriptor.UnitSymbol, catalog.Find("track#dx1/eq/1/frequency").Value));
        Assert.Equal(("ms", 5.0), (catalog.Find("track/DX 1/dyn/comp/attack").Descriptor.UnitSymbol, catalog.Find("track/DX 1/dyn/comp/attack").Value));
        Assert.Equal(("enum", 1.0), (catalog.Find("track/DX 1/dyn/comp/detection").Descriptor.UnitSymbol, catalog.Find("track/DX 1/dyn/comp/detection").Value));
        Assert.Equal(0.0, catalog.Find("track/DX 1/dyn/comp/enabled").Value); // the fixture's compressor is bypassed
        Assert.Equal((ParameterUnit.Q, 2.5, ParameterUnit.Ratio, 20.0),
            (catalog.Find("track/DX 1/dyn/deesser/q").Descriptor.Unit, catalog.Find("track/DX 1/dyn/deesser/q").Value,
                catalog.Find("track/DX 1/dyn/deesser/ratio").Descriptor.Unit, catalog.Find("track/DX 1/dyn/deesser/ratio").Value));
        Assert.Equal(-2.0, catalog.Find("track/DX 1/dyn/limiter/ceiling").Value);
    }
}
