using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MixEngine.Session;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine params SESSION [--json]</c>: lists every parameter address of a session with its unit, range, default
/// and the value the session sets, as a table (Spectre on a terminal, aligned text otherwise) or as JSON.
/// Runs on the CLI's main thread.
/// </summary>
public static class ParamsCommand
{
    private static readonly string[] Headers = ["Address", "Unit", "Range", "Default", "Value", "Automatable"];

    /// <summary>Creates the verb; <paramref name="terminal"/> and <paramref name="log"/> are the run's.</summary>
    public static Command Create(Terminal terminal, ILogger log)
    {
        var session = new Argument<string>("SESSION") { Description = "The session file (JSON) whose parameters are listed" };
        var json = new Option<bool>("--json") { Description = "Write a JSON array instead of a table (-inf is written as the string \"-inf\", as in session files)" };
        var command = new Command("params", "List every parameter address of a session with its unit, range, default and current value");
        command.Arguments.Add(session);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var loaded = SessionOpening.TryOpen(parse.GetValue(session)!, "params", terminal, log);
            if (loaded is null) return ExitCode.InvalidInput;
            var catalog = ParameterCatalog.For(loaded);
            if (parse.GetValue(json)) terminal.Output.WriteLine(ToJson(catalog.Parameters));
            else WriteTable(terminal, catalog.Parameters);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The settings as an indented JSON array of {address, unit, minimum, maximum, default, value, taper, automatable, trimmable}.</summary>
    public static string ToJson(IReadOnlyList<ParameterSetting> settings)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var s in settings)
            {
                var d = s.Descriptor;
                w.WriteStartObject();
                w.WriteString("address", d.Address.ToString());
                w.WriteString("unit", d.UnitSymbol);
                WriteNumber(w, "minimum", d.Minimum);
                WriteNumber(w, "maximum", d.Maximum);
                WriteNumber(w, "default", d.Default);
                WriteNumber(w, "value", s.Value);
                w.WriteString("taper", d.Taper);
                w.WriteBoolean("automatable", d.Automatable);
                w.WriteBoolean("trimmable", d.Trimmable);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A value as listed: "-inf" for −∞, "on"/"off" for switches, otherwise the number in invariant culture.</summary>
    public static string Format(ParameterDescriptor descriptor, double value) => descriptor.Unit switch
    {
        ParameterUnit.Boolean => value >= 0.5 ? "on" : "off",
        _ when double.IsNegativeInfinity(value) => "-inf",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static void WriteTable(Terminal terminal, IReadOnlyList<ParameterSetting> settings)
    {
        var rows = settings.Select(s => new[]
        {
            s.Descriptor.Address.ToString(),
            s.Descriptor.UnitSymbol,
            s.Descriptor.Unit == ParameterUnit.Boolean ? "off/on" : $"{Format(s.Descriptor, s.Descriptor.Minimum)} .. {Format(s.Descriptor, s.Descriptor.Maximum)}",
            Format(s.Descriptor, s.Descriptor.Default),
            Format(s.Descriptor, s.Value),
            s.Descriptor.Automatable ? "yes" : "no",
        }).ToList();
        ResultTable.Write(terminal, Headers, rows);
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsNegativeInfinity(value)) w.WriteString(name, "-inf");
        else w.WriteNumber(name, value);
    }
}
