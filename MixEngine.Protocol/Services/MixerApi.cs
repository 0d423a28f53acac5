using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;
using MixEngine.Session;
using EngineDescriptor = MixEngine.Session.ParameterDescriptor;
using EngineValueMode = MixEngine.ControlPlane.ValueMode;
using ValueMode = MixEngine.Protocol.V1.ValueMode;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.MixerService</c>: a thin adapter from the proto messages to <see cref="IMixControl"/> parameter
/// calls. Validation and clamping are the facade's; errors propagate to <see cref="Hosting.ErrorInterceptor"/>.
/// Runs on request threads, concurrently.
/// </summary>
public sealed class MixerApi(MixControl control, Callers callers) : MixerService.MixerServiceBase
{
    /// <summary>Largest batch accepted by SetParameters.</summary>
    public const int MaxBatch = 4096;

    /// <inheritdoc/>
    public override Task<ListParametersResponse> ListParameters(ListParametersRequest request, ServerCallContext context)
    {
        var response = new ListParametersResponse();
        foreach (var d in control.Descriptors)
            if (d.Address.ToString().StartsWith(request.AddressPrefix, StringComparison.Ordinal)) response.Parameters.Add(ToProto(d));
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override Task<GetParametersResponse> GetParameters(GetParametersRequest request, ServerCallContext context)
    {
        if (request.Addresses.Count == 0) throw new ArgumentException("addresses: empty; name at least one parameter address");
        var handles = request.Addresses.Select((a, i) => Resolve(a, $"addresses[{i}]")).ToList();
        var response = new GetParametersResponse();
        for (int i = 0; i < handles.Count; i++) response.Values.Add(Value(request.Addresses[i], handles[i]));
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override Task<ParameterValue> SetParameter(ParameterSet request, ServerCallContext context)
    {
        var handle = Resolve(request.Address, "address");
        var mode = Mode(request.Mode, "mode");
        CheckValue(request.Value, "value", request.Address);
        control.SetParameter(callers.ClientOf(context), handle, request.Value, mode);
        return Task.FromResult(Value(request.Address, handle));
    }

    /// <inheritdoc/>
    public override Task<SetParametersResponse> SetParameters(SetParametersRequest request, ServerCallContext context)
    {
        if (request.Items.Count == 0) throw new ArgumentException("items: empty; send at least one parameter");
        if (request.Items.Count > MaxBatch) throw new ArgumentException($"items: {request.Items.Count} moves in one batch; at most {MaxBatch}");
        var checkedItems = new List<(ParameterHandle Handle, EngineValueMode Mode, ParameterSet Item)>(request.Items.Count);
        for (int i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            var handle = Resolve(item.Address, $"items[{i}].address");
            var mode = Mode(item.Mode, $"items[{i}].mode");
            CheckValue(item.Value, $"items[{i}].value", item.Address);
            checkedItems.Add((handle, mode, item));
        }
        var client = callers.ClientOf(context);
        var response = new SetParametersResponse();
        foreach (var (handle, mode, item) in checkedItems)
        {
            control.SetParameter(client, handle, item.Value, mode);
            response.Values.Add(Value(item.Address, handle));
        }
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override Task<ParameterValue> SetStripSwitch(StripSwitchRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Strip)) throw new ArgumentException("strip: empty; expected a strip such as 'track/DX 1' or 'bus/FX'");
        if (request.Switch == StripSwitch.RecordArm) return Task.FromResult(RecordArm(request, context));
        string name = request.Switch switch
        {
            StripSwitch.Mute => "mute",
            StripSwitch.Solo => "solo",
            StripSwitch.SoloSafe => "soloSafe",
            _ => throw new ArgumentException($"switch: {request.Switch} is not a switch; expected STRIP_SWITCH_MUTE, _SOLO, _SOLO_SAFE or _RECORD_ARM"),
        };
        string address = $"{request.Strip.TrimEnd('/')}/{name}";
        var handle = Resolve(address, "strip");
        control.SetParameter(callers.ClientOf(context), handle, request.On ? 1 : 0);
        return Task.FromResult(Value(address, handle));
    }

    private ParameterValue RecordArm(StripSwitchRequest request, ServerCallContext context)
    {
        string strip = request.Strip.TrimEnd('/');
        control.SetRecordArm(callers.ClientOf(context), strip, request.On);
        double armed = request.On ? 1 : 0; // a set that returns has made the arm what was asked (it is idempotent)
        return new ParameterValue { Address = $"{strip}/recordArm", Value = armed, Normalized = armed };
    }

    /// <inheritdoc/>
    public override Task<TouchResponse> SetTouch(TouchRequest request, ServerCallContext context)
    {
        var handle = Resolve(request.Address, "address");
        var client = callers.ClientOf(context);
        if (request.Touched) control.BeginTouch(client, handle);
        else control.EndTouch(client, handle);
        return Task.FromResult(new TouchResponse { Address = request.Address, Touched = control.IsTouched(handle) });
    }

    /// <summary>The proto form of a descriptor.</summary>
    internal static V1.ParameterDescriptor ToProto(EngineDescriptor d) => new()
    {
        Address = d.Address.ToString(),
        Unit = Enum.TryParse<V1.ParameterUnit>(d.Unit.ToString(), out var unit) ? unit : V1.ParameterUnit.Unspecified,
        UnitSymbol = d.UnitSymbol,
        Minimum = d.Minimum,
        Maximum = d.Maximum,
        DefaultValue = d.Default,
        Taper = d.Taper,
        Automatable = d.Automatable,
        Trimmable = d.Trimmable,
    };

    private ParameterValue Value(string address, ParameterHandle handle) => new()
    {
        Address = address,
        Value = control.GetParameter(handle),
        Normalized = control.GetNormalized(handle),
        Touched = control.IsTouched(handle),
    };

    private ParameterHandle Resolve(string address, string field)
    {
        if (string.IsNullOrEmpty(address)) throw new ArgumentException($"{field}: empty; expected a parameter address such as 'track/DX 1/fader'");
        try
        {
            return control.Resolve(address);
        }
        catch (ParameterAddressException e)
        {
            throw new ParameterAddressException(address, $"{field}: {e.Message}");
        }
    }

    private static EngineValueMode Mode(ValueMode mode, string field) => mode switch
    {
        ValueMode.Absolute => EngineValueMode.Absolute,
        ValueMode.Normalized => EngineValueMode.Normalized,
        ValueMode.Relative => EngineValueMode.Relative,
        _ => throw new ArgumentException($"{field}: {mode} is not a value mode; expected VALUE_MODE_ABSOLUTE, _NORMALIZED or _RELATIVE"),
    };

    private static void CheckValue(double value, string field, string address)
    {
        if (double.IsNaN(value)) throw new ArgumentException($"{field}: NaN for '{address}'; expected a number");
    }
}
