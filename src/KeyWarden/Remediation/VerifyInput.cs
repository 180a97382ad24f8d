using System.Text.Json;

namespace KeyWarden.Remediation;

/// <summary>Tells a plan file from a journal, for verify, which takes either.</summary>
public static class VerifyInput
{
    /// <summary>
    /// A plan: the whole file is one JSON object with a "kind" property (PlanFile.Load then checks its value), or the
    /// file is not JSON lines at all and is not named *.jsonl (so a broken plan gets the plan reader's error). A journal:
    /// its first line is a JSON object with a "type" and no "kind", or the file is empty, or it is named *.jsonl.
    /// </summary>
    public static bool IsPlan(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Let the reader that is chosen report it (or the journal's lock).
            return false;
        }

        if (ObjectProperties(bytes) is { } whole)
        {
            return whole.Contains("kind") || !whole.Contains("type");
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        var firstLine = newline < 0 ? bytes : bytes[..newline];
        if (ObjectProperties(firstLine) is { } first)
        {
            return first.Contains("kind") && !first.Contains("type");
        }

        return bytes.AsSpan().Trim(" \t\r\n"u8).Length > 0 && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The top-level property names when <paramref name="json"/> is one JSON object; else null.</summary>
    private static HashSet<string>? ObjectProperties(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read() || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
