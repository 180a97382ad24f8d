using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyWarden.Reports;

/// <summary>Building blocks for the JSON formats written field by field (OCSF, ASFF): absent rather than null, as their consumers expect.</summary>
internal static class JsonFields
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>An object from name/value pairs, leaving out the pairs whose value is null.</summary>
    public static JsonObject Object(params (string Name, JsonNode? Value)[] fields)
    {
        var result = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                result[name] = value;
            }
        }

        return result;
    }

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    public static JsonNode? Value(string? value) => value is null ? null : JsonValue.Create(value);

    /// <summary>A JSON array of these objects, each built and written as it is reached (the same bytes as one array's ToJsonString).</summary>
    public static void WriteArray(IEnumerable<JsonNode> items, TextWriter output)
    {
        using (var json = new StreamingJson(output))
        {
            json.Writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(json.Writer, Options);
                json.Drain();
            }

            json.Writer.WriteEndArray();
        }

        output.Write('\n');
    }
}
