using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KeyWarden.Accounts;

/// <summary>
/// <c>--shard i/n</c>: this run takes shard <see cref="Index"/> (1-based) of <see cref="Count"/>. An account's shard
/// is a hash of its id alone, never its position in a listing, so CI jobs that each list the organization at a
/// different moment still split it the same way: every id falls in exactly one shard, and accounts joining or
/// leaving the organization never move another account to a different shard.
/// </summary>
public sealed record AccountShard(int Index, int Count)
{
    /// <summary>The most shards: more CI jobs than that for one organization is a mistake, and the bound keeps n small.</summary>
    public const int MaxCount = 1000;

    // A shard outside 1 <= i <= n <= MaxCount would hold no account (or let an id fall in none): refused on construction.
    public int Index { get; } = Count is >= 1 and <= MaxCount && Index >= 1 && Index <= Count
        ? Index
        : throw new ArgumentOutOfRangeException(nameof(Index), $"shard {Index}/{Count} is not 1 <= i <= n <= {MaxCount}");

    /// <summary>Reads "i/n" (surrounding spaces allowed); anything else is a one-line <c>--shard</c> input error.</summary>
    public static AccountShard Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !TryNumber(parts[0], out var index) || !TryNumber(parts[1], out var count))
        {
            throw KeyWardenException.Input($"--shard: {AccountIds.Echo(text)} is not i/n (for example 1/4: the first of four shards)");
        }

        if (count is < 1 or > MaxCount)
        {
            throw KeyWardenException.Input($"--shard: {text.Trim()}: n must be 1 to {MaxCount}");
        }

        if (index < 1 || index > count)
        {
            throw KeyWardenException.Input($"--shard: {text.Trim()}: i is 1-based and must be 1 to {count}");
        }

        return new AccountShard(index, count);
    }

    /// <summary>The 1-based shard an account id belongs to out of <paramref name="count"/>.</summary>
    public static int ShardOf(string accountId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // SHA-256 rather than string.GetHashCode (randomised per process) or a home-made hash: the split must be the
        // same on every machine and .NET version, and anyone can recompute it (docs/organizations.md says how).
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(accountId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    public bool Contains(string accountId) => ShardOf(accountId, Count) == Index;

    public override string ToString() => $"{Index}/{Count}";

    // Digits only (no sign, no spaces inside), and short enough that the number cannot overflow.
    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length <= 9;
}
