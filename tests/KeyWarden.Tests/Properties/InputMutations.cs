using System.Text;
using CsCheck;

namespace KeyWarden.Tests.Properties;

/// <summary>
/// Generators of malformed text: a valid sample with a few edits (byte flips, truncation, inserted quotes, commas,
/// line breaks, NULs, huge fields, deep brackets, random Unicode), or random text over the characters a format cares about.
/// </summary>
internal static class InputMutations
{
    private const string Unicode = "é名😀\u202e\u200f\u2028\u0085\ufeff\ufffd\u001b\u0007\u007f";

    private static readonly Gen<string> RandomUnicode =
        Gen.Char.Array[1, 8].Select(chars => new string(chars));

    /// <summary>One inserted token: format specials, control characters, a huge field, deep nesting, random Unicode.</summary>
    private static Gen<string> Insertion(string specials) => Gen.Frequency(
        (8, Gen.Char[specials].Select(c => c.ToString())),
        (2, Gen.Char[Unicode].Select(c => c.ToString())),
        (2, RandomUnicode),
        (1, Gen.Int[1, 400].Select(n => new string(',', n))),
        (1, Gen.Int[1, 200].Select(n => string.Concat(Enumerable.Repeat("\"\"", n)))),
        (1, Gen.Int[60_000, 70_000].Select(n => new string('x', n))),
        (1, Gen.Int[20, 3000].Select(n => new string('[', n))),
        (1, Gen.Int[20, 200].Select(n => string.Concat(Enumerable.Repeat("- ", n)))),
        (1, Gen.Const("\0")),
        (1, Gen.Const("\r\n")),
        (1, Gen.Const("9999-12-31")),
        (1, Gen.Const("0001-01-01T00:00:00Z")),
        (1, Gen.Const("99999999999")));

    private abstract record Edit
    {
        public abstract string Apply(string text);
    }

    private sealed record Insert(double At, string Token) : Edit
    {
        public override string Apply(string text) => text.Insert(Index(At, text.Length + 1), Token);
    }

    private sealed record Replace(double At, string Token) : Edit
    {
        public override string Apply(string text) =>
            text.Length == 0 ? Token : text.Remove(Index(At, text.Length), 1).Insert(Index(At, text.Length), Token);
    }

    private sealed record Delete(double At, int Length) : Edit
    {
        public override string Apply(string text)
        {
            var start = Index(At, text.Length + 1);
            return text.Remove(start, Math.Min(Length, text.Length - start));
        }
    }

    private sealed record Truncate(double At) : Edit
    {
        public override string Apply(string text) => text[..Index(At, text.Length + 1)];
    }

    private sealed record DuplicateLine(double At) : Edit
    {
        public override string Apply(string text)
        {
            var lines = text.Split('\n').ToList();
            var i = Index(At, lines.Count);
            lines.Insert(i, lines[i]);
            return string.Join('\n', lines);
        }
    }

    // A UTF-8 byte flipped and the bytes decoded again, as a corrupted file would be read (invalid bytes become U+FFFD).
    private sealed record FlipByte(double At, byte Mask) : Edit
    {
        public override string Apply(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 0)
            {
                bytes[Index(At, bytes.Length)] ^= Mask == 0 ? (byte)1 : Mask;
            }

            return Encoding.UTF8.GetString(bytes);
        }
    }

    private static int Index(double at, int count) => Math.Clamp((int)(at * count), 0, Math.Max(0, count - 1));

    private static Gen<Edit> Edits(string specials)
    {
        var at = Gen.Double[0, 1];
        return Gen.Frequency(
            (4, Gen.Select(at, Insertion(specials), (a, t) => (Edit)new Insert(a, t))),
            (3, Gen.Select(at, Insertion(specials), (a, t) => (Edit)new Replace(a, t))),
            (2, Gen.Select(at, Gen.Int[1, 40], (a, n) => (Edit)new Delete(a, n))),
            (1, at.Select(a => (Edit)new Truncate(a))),
            (1, at.Select(a => (Edit)new DuplicateLine(a))),
            (2, Gen.Select(at, Gen.Byte, (a, m) => (Edit)new FlipByte(a, m))));
    }

    /// <summary>One of the samples with one to six edits applied.</summary>
    public static Gen<string> Mutated(IReadOnlyList<string> samples, string specials) =>
        Gen.Select(Gen.Int[0, samples.Count - 1], Edits(specials).Array[1, 6],
            (i, edits) => edits.Aggregate(samples[i], (text, edit) => edit.Apply(text)));

    /// <summary>Random text over the format's special characters, letters, digits and some Unicode.</summary>
    public static Gen<string> RandomText(string specials) =>
        Gen.Frequency(
            (6, Gen.Char[specials + "abcxyz019 \t\n"]),
            (1, Gen.Char[Unicode]),
            (1, Gen.Char)).Array[0, 300].Select(chars => new string(chars));

    /// <summary>Mostly mutated samples, some random text.</summary>
    public static Gen<string> Malformed(IReadOnlyList<string> samples, string specials) =>
        Gen.Frequency((4, Mutated(samples, specials)), (1, RandomText(specials)));
}
