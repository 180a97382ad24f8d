using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KeyWarden.Tests.Reports.Authoritative;

/// <summary>
/// One OCSF event class as the official ocsf-schema repository defines it, and a validator of an event against it.
/// The class comes from an extract (Schemas/ocsf-&lt;version&gt;-&lt;class&gt;.json) that scripts/ocsf-extract.py resolves from
/// the schema's own sources at a recorded tag and commit (extends chains, includes, profiles, dictionary types), not
/// from our output: every attribute must be defined for its class or object (anything goes inside <c>unmapped</c>, a
/// generic <c>object</c>), required attributes present (a profile's only when metadata.profiles declares it), values
/// of the dictionary type (arrays where is_array), enum values from the enum and their caption siblings agreeing.
/// </summary>
internal sealed class OcsfSchema
{
    private readonly JsonElement _class;
    private readonly JsonElement _objects;
    private readonly JsonElement _types;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new();

    private OcsfSchema(JsonDocument extract)
    {
        var root = extract.RootElement;
        var source = root.GetProperty("source");
        Version = source.GetProperty("version").GetString()!;
        Repository = source.GetProperty("repository").GetString()!;
        Ref = source.GetProperty("ref").GetString()!;
        Commit = source.GetProperty("commit").GetString()!;
        _class = root.GetProperty("class");
        _objects = root.GetProperty("objects");
        _types = root.GetProperty("types");
        ClassUid = _class.GetProperty("uid").GetInt32();
        ClassName = _class.GetProperty("name").GetString()!;
    }

    public string Version { get; }

    public string Repository { get; }

    public string Ref { get; }

    public string Commit { get; }

    public int ClassUid { get; }

    public string ClassName { get; }

    private static readonly Lazy<OcsfSchema> ComplianceFindingSchema = new(() => Load("ocsf-1.1.0-compliance_finding.json"));

    /// <summary>OCSF 1.1.0 Compliance Finding (class_uid 2003).</summary>
    public static OcsfSchema ComplianceFinding => ComplianceFindingSchema.Value;

    private static OcsfSchema Load(string file) =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", file))));

    /// <summary>Every way <paramref name="ocsfEvent"/> breaks the class, as "path: what".</summary>
    public IReadOnlyList<string> Validate(JsonElement ocsfEvent)
    {
        var errors = new List<string>();
        if (ocsfEvent.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"$: an event must be an object, is {ocsfEvent.ValueKind}");
            return errors;
        }

        var declared = ocsfEvent.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("profiles", out var profiles) && profiles.ValueKind == JsonValueKind.Array
                ? profiles.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
        ValidateObject(ocsfEvent, _class, ClassName, declared, "$", errors);
        return errors;
    }

    private void ValidateObject(JsonElement value, JsonElement definition, string name, HashSet<string> declared, string path, List<string> errors)
    {
        var attributes = definition.GetProperty("attributes");
        foreach (var attribute in attributes.EnumerateObject())
        {
            var required = attribute.Value.GetProperty("requirement").GetString() == "required";
            var profile = Profile(attribute.Value);
            if (required && (profile is null || declared.Contains(profile)) && !value.TryGetProperty(attribute.Name, out _))
            {
                errors.Add($"{path}: required attribute {attribute.Name} of {name} is missing");
            }
        }

        if (definition.TryGetProperty("constraints", out var constraints))
        {
            Constraints(value, constraints, name, path, errors);
        }

        foreach (var property in value.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (!attributes.TryGetProperty(property.Name, out var attribute))
            {
                errors.Add($"{path}: {name} has no attribute {property.Name} (put what OCSF does not define in unmapped)");
                continue;
            }

            if (Profile(attribute) is { } profile && !declared.Contains(profile))
            {
                errors.Add($"{at}: belongs to the {profile} profile, which metadata.profiles does not declare");
            }

            var type = attribute.GetProperty("type").GetString()!;
            if (attribute.TryGetProperty("is_array", out var isArray) && isArray.GetBoolean())
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{at}: {property.Name} is an array of {type}, is {property.Value.ValueKind}");
                    continue;
                }

                var i = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    ValidateValue(item, type, attribute, declared, $"{at}[{i++}]", errors);
                }
            }
            else
            {
                ValidateValue(property.Value, type, attribute, declared, at, errors);
            }

            Sibling(value, property, attribute, at, errors);
        }
    }

    /// <summary>An enum's caption attribute (status for status_id) must say the caption of the id it sits beside; Other (99) is the source's own word.</summary>
    private static void Sibling(JsonElement container, JsonProperty property, JsonElement attribute, string path, List<string> errors)
    {
        if (!attribute.TryGetProperty("enum", out var values) || !attribute.TryGetProperty("sibling", out var siblingName)
            || !container.TryGetProperty(siblingName.GetString()!, out var sibling) || sibling.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var key = EnumKey(property.Value);
        if (key is null or "99" || !values.TryGetProperty(key, out var caption))
        {
            return;
        }

        if (sibling.GetString() != caption.GetString())
        {
            errors.Add($"{path}: {property.Name} {key} is '{caption.GetString()}', but {siblingName.GetString()} says '{sibling.GetString()}'");
        }
    }

    private static void Constraints(JsonElement value, JsonElement constraints, string name, string path, List<string> errors)
    {
        if (constraints.TryGetProperty("at_least_one", out var atLeastOne))
        {
            var names = atLeastOne.EnumerateArray().Select(n => n.GetString()!).ToList();
            if (!names.Any(n => value.TryGetProperty(n, out _)))
            {
                errors.Add($"{path}: {name} needs at least one of {string.Join(", ", names)}");
            }
        }

        if (constraints.TryGetProperty("just_one", out var justOne))
        {
            var names = justOne.EnumerateArray().Select(n => n.GetString()!).ToList();
            if (names.Count(n => value.TryGetProperty(n, out _)) != 1)
            {
                errors.Add($"{path}: {name} needs exactly one of {string.Join(", ", names)}");
            }
        }
    }

    private void ValidateValue(JsonElement value, string type, JsonElement attribute, HashSet<string> declared, string path, List<string> errors)
    {
        if (type == "json_t")
        {
            return; // embedded JSON: any value
        }

        if (type == "object")
        {
            // The generic object (unmapped's type): an object, its content the source's own.
            if (value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object, is {value.ValueKind}");
            }

            return;
        }

        if (!type.EndsWith("_t", StringComparison.Ordinal))
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be a {type} object, is {value.ValueKind}");
                return;
            }

            ValidateObject(value, _objects.GetProperty(type), type, declared, path, errors);
            return;
        }

        if (!Scalar(value, type, path, errors))
        {
            return;
        }

        if (attribute.TryGetProperty("enum", out var values) && EnumKey(value) is { } key && !values.TryGetProperty(key, out _))
        {
            errors.Add($"{path}: {key} is not one of its values ({string.Join(", ", values.EnumerateObject().Select(v => $"{v.Name} {v.Value.GetString()}"))})");
        }
    }

    /// <summary>The dictionary type's checks: its base type's JSON kind, then its own and its base's length, pattern and range.</summary>
    private bool Scalar(JsonElement value, string type, string path, List<string> errors)
    {
        var definition = _types.GetProperty(type);
        var baseType = definition.TryGetProperty("type", out var b) ? b.GetString()! : type;
        var ok = baseType switch
        {
            "string_t" => value.ValueKind == JsonValueKind.String,
            "integer_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "long_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "float_t" => value.ValueKind == JsonValueKind.Number,
            "boolean_t" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"{path}: must be a {type} ({baseType}), is {value.ValueKind} {value.GetRawText()}");
            return false;
        }

        foreach (var t in baseType == type ? [definition] : new[] { definition, _types.GetProperty(baseType) })
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!;
                if (t.TryGetProperty("max_len", out var maxLen) && text.Length > maxLen.GetInt32())
                {
                    errors.Add($"{path}: {text.Length} characters, more than {type}'s maximum {maxLen.GetInt32()}");
                }

                if (t.TryGetProperty("regex", out var regex) && !Pattern(regex.GetString()!).IsMatch(text))
                {
                    errors.Add($"{path}: '{text}' is not a {type} (pattern {regex.GetString()})");
                }
            }

            if (t.TryGetProperty("range", out var range) && value.ValueKind == JsonValueKind.Number)
            {
                var number = value.GetDouble();
                if (number < range[0].GetDouble() || number > range[1].GetDouble())
                {
                    errors.Add($"{path}: {value.GetRawText()} is outside {type}'s range {range[0].GetRawText()}..{range[1].GetRawText()}");
                }
            }
        }

        return true;
    }

    private Regex Pattern(string pattern) => _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant));

    private static string? Profile(JsonElement attribute) => attribute.TryGetProperty("profile", out var p) ? p.GetString() : null;

    private static string? EnumKey(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString(),
        _ => null,
    };
}
