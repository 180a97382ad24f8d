using System.Text;

namespace KeyWarden.Common;

/// <summary>Reads a small text file (exceptions, config, accounts) without trusting its length.</summary>
internal static class BoundedTextFile
{
    /// <summary>
    /// The text of <paramref name="path"/>, or null when it holds more than <paramref name="maxBytes"/>. UTF-8 (invalid
    /// bytes read as U+FFFD), or UTF-16 when a byte-order mark says so (what Windows PowerShell's '>' writes); the
    /// mark itself dropped. A multi-gigabyte file,
    /// or a device such as /dev/zero whose length says 0, is refused after maxBytes instead of
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

        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
