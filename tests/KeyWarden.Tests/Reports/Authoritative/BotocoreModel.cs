using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KeyWarden.Tests.Reports.Authoritative;

/// <summary>
/// A botocore service model (service-2.json), read from the botocore of this machine's python3, and a validator of a JSON
/// value against one of its shapes: what the service itself accepts (required members, no unknown member, types,
/// enums, patterns, list and length bounds, including the "Length Constraints" the model states in a member's
/// documentation). Unlike a schema written from our own output, it moves when AWS's model moves.
/// </summary>
internal sealed partial class BotocoreModel
{
    private readonly JsonElement _shapes;

    private BotocoreModel(JsonDocument model, string path, string version)
    {
        Model = model;
        _shapes = model.RootElement.GetProperty("shapes");
        Path = path;
        Version = version;
    }

    public JsonDocument Model { get; }

    public string Path { get; }

    public string Version { get; }

    private static readonly Lazy<(BotocoreModel? Model, string Why)> SecurityHubModel = new(() => Load("securityhub"));

    /// <summary>The Security Hub model, or null with the reason (no python3, no botocore) where the machine lacks it.</summary>
    public static (BotocoreModel? Model, string Why) SecurityHub => SecurityHubModel.Value;

    private static (BotocoreModel?, string) Load(string service)
    {
        string output;
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__)); print(botocore.__version__)"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            output = python.StandardOutput.ReadToEnd();
            python.WaitForExit();
            if (python.ExitCode != 0)
            {
                return (null, "python3 cannot import botocore");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "no python3 on PATH");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var serviceDir = System.IO.Path.Combine(lines[0], "data", service);
        var versionDir = Directory.GetDirectories(serviceDir).OrderBy(d => d, StringComparer.Ordinal).Last();
        var gz = System.IO.Path.Combine(versionDir, "service-2.json.gz");
        var plain = System.IO.Path.Combine(versionDir, "service-2.json");
        using Stream stream = File.Exists(gz) ? new GZipStream(File.OpenRead(gz), CompressionMode.Decompress) : File.OpenRead(plain);
        return (new BotocoreModel(JsonDocument.Parse(stream), File.Exists(gz) ? gz : plain, lines.Length > 1 ? lines[1] : "unknown"), string.Empty);
    }

    public JsonElement Shape(string name) => _shapes.GetProperty(name);

    /// <summary>Every way <paramref name="value"/> breaks shape <paramref name="shapeName"/>, as "path: what".</summary>
    public IReadOnlyList<string> Validate(JsonElement value, string shapeName)
    {
        var errors = new List<string>();
        Validate(value, shapeName, null, "$", errors);
        return errors;
    }

    private void Validate(JsonElement value, string shapeName, JsonElement? member, string path, List<string> errors)
    {
        var shape = Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path}: {shapeName} must be an object, is {value.ValueKind}");
                    return;
                }

                var members = shape.GetProperty("members");
                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        if (!value.TryGetProperty(name, out _))
                        {
                            errors.Add($"{path}: required member {name} of {shapeName} is missing");
                        }
                    }
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (!members.TryGetProperty(property.Name, out var m))
                    {
                        errors.Add($"{path}: {shapeName} has no member {property.Name}");
                        continue;
                    }

                    Validate(property.Value, m.GetProperty("shape").GetString()!, m, $"{path}.{property.Name}", errors);
                }

                return;
            case "list":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path}: {shapeName} must be an array, is {value.ValueKind}");
                    return;
                }

                Bounds(shape, member, value.GetArrayLength(), "items", path, errors);
                var itemShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Validate(item, itemShape, null, $"{path}[{i++}]", errors);
                }

                return;
            case "map":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path}: {shapeName} must be an object (map), is {value.ValueKind}");
                    return;
                }

                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                var keyShape = shape.GetProperty("key").GetProperty("shape").GetString()!;
                foreach (var property in value.EnumerateObject())
                {
                    using var key = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                    Validate(key.RootElement, keyShape, null, $"{path}{{key {property.Name}}}", errors);
                    Validate(property.Value, valueShape, null, $"{path}.{property.Name}", errors);
                }

                return;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"{path}: {shapeName} must be a string, is {value.ValueKind}");
                    return;
                }

                var text = value.GetString()!;
                Bounds(shape, member, text.Length, "characters", path, errors);
                if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    errors.Add($"{path}: '{text}' is not one of {shapeName}'s values ({string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))})");
                }

                if (shape.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.Singleline))
                {
                    errors.Add($"{path}: '{text}' does not match {shapeName}'s pattern {pattern.GetString()}");
                }

                return;
            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var whole))
                {
                    errors.Add($"{path}: {shapeName} must be a whole number");
                    return;
                }

                Range(shape, whole, path, errors);
                return;
            case "double" or "float":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"{path}: {shapeName} must be a number");
                }

                return;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: {shapeName} must be true or false");
                }

                return;
            case "timestamp":
                if (value.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    errors.Add($"{path}: {shapeName} must be an ISO 8601 timestamp string");
                }

                return;
            default:
                errors.Add($"{path}: shape {shapeName} has a type ({type}) this validator does not know");
                return;
        }
    }

    private static void Range(JsonElement shape, long value, string path, List<string> errors)
    {
        if (shape.TryGetProperty("min", out var min) && value < min.GetInt64())
        {
            errors.Add($"{path}: {value} is below the minimum {min.GetInt64()}");
        }

        if (shape.TryGetProperty("max", out var max) && value > max.GetInt64())
        {
            errors.Add($"{path}: {value} is above the maximum {max.GetInt64()}");
        }
    }

    /// <summary>The shape's min/max, and the "Length Constraints" its member's documentation states (the model keeps some limits only there).</summary>
    private static void Bounds(JsonElement shape, JsonElement? member, int length, string unit, string path, List<string> errors)
    {
        long? min = shape.TryGetProperty("min", out var mn) ? mn.GetInt64() : null;
        long? max = shape.TryGetProperty("max", out var mx) ? mx.GetInt64() : null;
        if (member is { } m && m.TryGetProperty("documentation", out var doc))
        {
            var documented = doc.GetString() ?? string.Empty;
            if (DocumentedMax().Match(documented) is { Success: true } dmax)
            {
                max = Math.Min(max ?? long.MaxValue, long.Parse(dmax.Groups[1].Value, CultureInfo.InvariantCulture));
            }

            if (DocumentedMin().Match(documented) is { Success: true } dmin)
            {
                min = Math.Max(min ?? 0, long.Parse(dmin.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        if (min is { } low && length < low)
        {
            errors.Add($"{path}: {length} {unit}, fewer than the minimum {low}");
        }

        if (max is { } high && length > high)
        {
            errors.Add($"{path}: {length} {unit}, more than the maximum {high}");
        }
    }

    [GeneratedRegex(@"Maximum (?:length|number of items) of (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentedMax();

    [GeneratedRegex(@"Minimum length of (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentedMin();
}
