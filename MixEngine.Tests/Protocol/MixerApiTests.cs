using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class MixerApiTests
{
    [Fact]
    public void Listing_parameters_returns_the_fader_descriptor_with_unit_range_and_taper()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var list = mixer.ListParameters(new ListParametersRequest { AddressPrefix = "track/DX 1/" });
        var fader = Assert.Single(list.Parameters, p => p.Address == "track/DX 1/fader");
        Assert.Equal(ParameterUnit.Decibels, fader.Unit);
        Assert.Equal("audioFader", fader.Taper);
        Assert.Equal(double.NegativeInfinity, fader.Minimum);
        Assert.Equal(12, fader.Maximum);
        Assert.All(list.Parameters, p => Assert.StartsWith("track/DX 1/", p.Address));
    }

    [Fact]
    public void A_value_set_absolute_is_read_back_and_one_above_the_range_is_clamped()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var set = mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -7.5, Mode = ValueMode.Absolute });
        Assert.Equal(-7.5, set.Value, 12);
        var read = mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } });
        Assert.Equal(-7.5, read.Values[0].Value, 12);
        var clamped = mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = 40, Mode = ValueMode.Absolute });
        Assert.Equal(12, clamped.Value, 12);
    }

    [Fact]
    public void Normalized_and_relative_sets_go_through_the_taper_and_add_to_the_current_value()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var full = mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = 1, Mode = ValueMode.Normalized });
        Assert.Equal(12, full.Value, 9); // the audioFader taper maps 1 to +12 dB exactly
        mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -3, Mode = ValueMode.Absolute });
        var nudged = mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -1.5, Mode = ValueMode.Relative });
        Assert.Equal(-4.5, nudged.Value, 12);
    }

    [Fact]
    public void An_unknown_address_is_invalid_argument_naming_it()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var e = Assert.Throws<RpcException>(() => mixer.SetParameter(new ParameterSet { Address = "track/DX 9/fader", Value = 0, Mode = ValueMode.Absolute }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("DX 9", e.Status.Detail);
        Assert.StartsWith("address:", e.Status.Detail);
    }

    [Fact]
    public void A_batch_with_one_bad_item_is_refused_naming_the_item_and_applies_nothing()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var e = Assert.Throws<RpcException>(() => mixer.SetParameters(new SetParametersRequest
        {
            Items =
            {
                new ParameterSet { Address = "track/DX 1/fader", Value = -20, Mode = ValueMode.Absolute },
                new ParameterSet { Address = "track/DX 1/nope", Value = 1, Mode = ValueMode.Absolute },
            },
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("items[1].address", e.Status.Detail);
        var read = mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } });
        Assert.Equal(0, read.Values[0].Value, 12);
    }

    [Fact]
    public void A_batch_sets_every_item_in_order()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var result = mixer.SetParameters(new SetParametersRequest
        {
            Items =
            {
                new ParameterSet { Address = "track/DX 1/fader", Value = -10, Mode = ValueMode.Absolute },
                new ParameterSet { Address = "bus/Printmaster/fader", Value = -2, Mode = ValueMode.Absolute },
            },
        });
        Assert.Equal([-10.0, -2.0], result.Values.Select(v => v.Value));
    }

    [Fact]
    public void A_missing_value_mode_is_invalid_argument_naming_the_field()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var e = Assert.Throws<RpcException>(() => mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = 0 }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("mode:", e.Status.Detail);
    }

    [Fact]
    public void Mute_solo_and_solo_safe_switch_the_strip_parameters()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        Assert.Equal(1, mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", Switch = StripSwitch.Mute, On = true }).Value);
        Assert.Equal(1, mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", Switch = StripSwitch.Solo, On = true }).Value);
        Assert.Equal(1, mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", Switch = StripSwitch.SoloSafe, On = true }).Value);
        Assert.Equal(0, mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", Switch = StripSwitch.Mute, On = false }).Value);
        var e = Assert.Throws<RpcException>(() => mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", On = true }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public void Record_arm_is_a_strip_switch_of_printed_buses_and_a_track_is_refused_naming_the_bus_to_arm()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));

        var armed = mixer.SetStripSwitch(new StripSwitchRequest { Strip = "bus/Printmaster", Switch = StripSwitch.RecordArm, On = true });
        var e = Assert.Throws<RpcException>(() => mixer.SetStripSwitch(new StripSwitchRequest { Strip = "track/DX 1", Switch = StripSwitch.RecordArm, On = true }));

        Assert.Equal(("bus/Printmaster/recordArm", 1.0), (armed.Address, armed.Value));
        Assert.Equal(["bus/Printmaster"], f.Control.RecordArm.Armed);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("arm the printed bus it feeds, bus/Printmaster", e.Status.Detail);
        Assert.Equal(0, mixer.SetStripSwitch(new StripSwitchRequest { Strip = "bus/Printmaster", Switch = StripSwitch.RecordArm, On = false }).Value);
    }

    [Fact]
    public void A_touch_is_held_until_released()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        Assert.True(mixer.SetTouch(new TouchRequest { Address = "track/DX 1/fader", Touched = true }).Touched);
        Assert.True(mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } }).Values[0].Touched);
        Assert.False(mixer.SetTouch(new TouchRequest { Address = "track/DX 1/fader", Touched = false }).Touched);
    }

    [Fact]
    public void Every_engine_unit_has_a_unit_of_the_same_name_in_the_contract()
    {
        foreach (var unit in Enum.GetValues<MixEngine.Session.ParameterUnit>())
            Assert.True(Enum.TryParse<ParameterUnit>(unit.ToString(), out _), $"protos/mixengine/v1/mixer_service.proto lacks PARAMETER_UNIT for {unit}");
    }
}
