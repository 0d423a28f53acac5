using System.Text.Json;
using MixEngine.Protocol.Security;

namespace MixEngine.Protocol.Hosting;

/// <summary>
/// Reads the gRPC configuration file of <c>mixengine serve --grpc-config FILE</c> (docs/grpc.md, "Configuration"): a
/// JSON object with optional <c>certificate</c>, <c>certificateKey</c>, <c>requireTls</c>, <c>apiKeys</c>
/// (<c>[{"name","key","role"}]</c>), <c>mediaRoot</c>, <c>renderRoot</c>, <c>maxRequestBytes</c>, <c>maxStreams</c>,
/// <c>maxStreamsPerConnection</c>. Relative paths are resolved against the file's folder. Throws
/// <see cref="ArgumentException"/> naming the file and the JSON path of a bad field. Control side.
/// </summary>
public static class GrpcConfigFile
{
    private static readonly HashSet<string> Known =
        ["certificate", "certificateKey", "requireTls", "apiKeys", "mediaRoot", "renderRoot", "maxRequestBytes", "maxStreams", "maxStreamsPerConnection"];

    /// <summary>Applies the file at <paramref name="path"/> over <paramref name="defaults"/>.</summary>
    public static GrpcHostOptions Apply(string path, GrpcHostOptions defaults)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ArgumentException($"--grpc-config {full} does not exist");
        string folder = Path.GetDirectoryName(full)!;
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(File.ReadAllText(full)).RootElement;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{full}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{full}: $ must be an object");
        foreach (var p in root.EnumerateObject())
            if (!Known.Contains(p.Name)) throw new ArgumentException($"{full}: $.{p.Name} is not a setting; expected one of {string.Join(", ", Known)}");
        var options = defaults;
        string? PathOf(string name) => root.TryGetProperty(name, out var v) ? Path.GetFullPath(Path.Combine(folder, Text(full, v, name))) : null;
        options = options with
        {
            CertificatePath = PathOf("certificate") ?? options.CertificatePath,
            CertificateKeyPath = PathOf("certificateKey") ?? options.CertificateKeyPath,
            MediaRoot = PathOf("mediaRoot") ?? options.MediaRoot,
            RenderRoot = PathOf("renderRoot") ?? options.RenderRoot,
        };
        if (root.TryGetProperty("requireTls", out var tls))
            options = options with { RequireTls = tls.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw new ArgumentException($"{full}: $.requireTls must be true or false") } };
        if (root.TryGetProperty("maxRequestBytes", out var bytes)) options = options with { MaxRequestBytes = Int(full, bytes, "maxRequestBytes") };
        if (root.TryGetProperty("maxStreams", out var streams)) options = options with { MaxStreams = Int(full, streams, "maxStreams") };
        if (root.TryGetProperty("maxStreamsPerConnection", out var perConnection)) options = options with { MaxStreamsPerConnection = Int(full, perConnection, "maxStreamsPerConnection") };
        if (root.TryGetProperty("apiKeys", out var keys)) options = options with { ApiKeys = Keys(full, keys) };
        return options;
    }

    private static List<ApiKey> Keys(string file, JsonElement keys)
    {
        if (keys.ValueKind != JsonValueKind.Array) throw new ArgumentException($"{file}: $.apiKeys must be an array of {{\"name\", \"key\", \"role\"}}");
        var list = new List<ApiKey>();
        int i = 0;
        foreach (var k in keys.EnumerateArray())
        {
            string at = $"apiKeys[{i++}]";
            if (k.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{file}: $.{at} must be an object");
            string name = k.TryGetProperty("name", out var n) ? Text(file, n, $"{at}.name") : throw new ArgumentException($"{file}: $.{at}.name is missing");
            string key = k.TryGetProperty("key", out var s) ? Text(file, s, $"{at}.key") : throw new ArgumentException($"{file}: $.{at}.key is missing");
            if (key.Length < 16) throw new ArgumentException($"{file}: $.{at}.key is {key.Length} characters; use at least 16 random characters");
            string role = k.TryGetProperty("role", out var r) ? Text(file, r, $"{at}.role") : throw new ArgumentException($"{file}: $.{at}.role is missing");
            var parsed = role switch
            {
                "observer" => Role.Observer,
                "mixer" => Role.Mixer,
                "admin" => Role.Admin,
                _ => throw new ArgumentException($"{file}: $.{at}.role '{role}' is not a role; expected observer, mixer or admin"),
            };
            list.Add(new ApiKey(name, key, parsed));
        }
        return list;
    }

    private static string Text(string file, JsonElement v, string name) =>
        v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw new ArgumentException($"{file}: $.{name} must be a non-empty string");

    private static int Int(string file, JsonElement v, string name) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : throw new ArgumentException($"{file}: $.{name} must be an integer");
}
