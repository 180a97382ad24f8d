using System.Text;

namespace KeyWarden.Cli;

/// <summary>Reads a small UTF-8 text file (exceptions, config) without trusting its length.</summary>
internal static class BoundedTextFile
{
    /// <summary>
    /// The text of <paramref name="path"/> (a BOM dropped), or null when it holds more than <paramref name="maxBytes"/>:
    /// a multi-gigabyte file, or a device such as /dev/zero whose length says 0, is refused after maxBytes instead of
    /// being read into memory.
    /// </summary>
    public static string? Read(string path, int maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > maxBytes)
        {
            return null;
        }

        var text = new UTF8Encoding(false).GetString(buffer, 0, length);
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }
}
