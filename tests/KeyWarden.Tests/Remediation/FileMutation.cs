using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace KeyWarden.Tests.Remediation;

/// <summary>
/// One generated change to a valid plan or journal file: the kinds of damage a crash, a bad copy, an editor or a
/// hostile hand does. Applied deterministically from its numbers, so CsCheck can shrink a failing case and the
/// fixed seed replays it.
/// </summary>
internal sealed record FileMutation(int Kind, int A, int B, string Text)
{
    public const int Kinds = 13;

    public static readonly Gen<FileMutation> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, Kinds - 1], CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Char.Array[0, 6])
            .Select((kind, a, b, text) => new FileMutation(kind, a, b, new string(text)));

    public static readonly Gen<FileMutation[]> Several = Gen.Array[1, 3];

    private static readonly string[] Replacements =
    [
        "null", "true", "0", "-1", "1e999", "123456789012345678901234567890", "\"\"", "\"not-a-time\"", "\"9999-12-31T23:59:59Z\"",
        "\"0001-01-01\"", "[]", "{}", "[null]", "\"\\u0000\"", "\"\\u001b[2J\"", "\"\u202e\"", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    ];

    public byte[] ApplyTo(byte[] bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        switch (Kind)
        {
            case 0 when bytes.Length > 0: // flip a byte
                var flipped = (byte[])bytes.Clone();
                flipped[A % bytes.Length] ^= (byte)(1 + B % 255);
                return flipped;
            case 1: // truncate anywhere
                return bytes[..(A % (bytes.Length + 1))];
            case 2: // duplicate a line
                lines.Insert(A % lines.Count, lines[B % lines.Count]);
                break;
            case 3 when lines.Count > 1: // remove a line
                lines.RemoveAt(A % lines.Count);
                break;
            case 4: // swap two lines
                var (i, j) = (A % lines.Count, B % lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 5: // random unicode inserted anywhere (possibly splitting a UTF-8 sequence)
                var at = A % (bytes.Length + 1);
                return [.. bytes[..at], .. Encoding.UTF8.GetBytes(Text), .. bytes[at..]];
            case 6: // a property repeated with another value
            case 7: // a property's value replaced
            case 8: // a property removed
            case 9: // a property renamed in case only
                return EditProperty(bytes, lines);
            case 10: // an extra blank or whitespace line
                lines.Insert(A % lines.Count, new string(' ', B % 3));
                break;
            case 11: // CRLF line ends
                return Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
            case 12: // a valid-looking JSON value in place of a line
                lines[A % lines.Count] = Replacements[B % Replacements.Length];
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join("\n", lines));
    }

    /// <summary>Edits one property somewhere in the document (a plan) or in one line (a journal), textually where JSON cannot say it.</summary>
    private byte[] EditProperty(byte[] bytes, List<string> lines)
    {
        var journal = lines.Count > 2 && lines[0].StartsWith('{') && lines[0].EndsWith('}');
        var index = journal ? A % lines.Count : -1;
        var text = journal ? lines[index] : Encoding.UTF8.GetString(bytes);
        JsonNode? root;
        var objects = new List<JsonObject>();
        try
        {
            // JsonNode fails lazily (on enumeration) on a duplicate property an earlier mutation put in.
            root = JsonNode.Parse(text);
            Collect(root, objects);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return bytes;
        }

        var withProperties = objects.Where(o => o.Count > 0).ToList();
        if (withProperties.Count == 0)
        {
            return bytes;
        }

        var target = withProperties[B % withProperties.Count];
        var name = target.ElementAt((A / 7) % target.Count).Key;
        var replacement = Replacements[(A / 13) % Replacements.Length];
        string edited;
        switch (Kind)
        {
            case 6:
                // JsonNode cannot hold a duplicate: write it textually after the property's own text.
                var marker = Guid.NewGuid().ToString("N");
                var original = target[name]?.DeepClone();
                target[name] = marker;
                var json = root!.ToJsonString();
                edited = json.Replace($"\"{marker}\"", (original?.ToJsonString() ?? "null") + $", \"{name}\": {replacement}");
                break;
            case 7:
                // Textually too: JsonNode would refuse the deeply nested replacement before the reader under test sees it.
                var placeholder = Guid.NewGuid().ToString("N");
                target[name] = placeholder;
                edited = root!.ToJsonString().Replace($"\"{placeholder}\"", replacement);
                break;
            case 8:
                target.Remove(name);
                edited = root!.ToJsonString();
                break;
            default:
                var value = target[name]?.DeepClone();
                target.Remove(name);
                target[name.ToUpperInvariant()] = value;
                edited = root!.ToJsonString();
                break;
        }

        if (journal)
        {
            lines[index] = edited;
            return Encoding.UTF8.GetBytes(string.Join("\n", lines));
        }

        return Encoding.UTF8.GetBytes(edited);
    }

    private static void Collect(JsonNode? node, List<JsonObject> objects)
    {
        switch (node)
        {
            case JsonObject o:
                objects.Add(o);
                foreach (var (_, child) in o)
                {
                    Collect(child, objects);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, objects);
                }

                break;
        }
    }
}
