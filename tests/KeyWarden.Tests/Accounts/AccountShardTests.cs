using CsCheck;
using KeyWarden.Accounts;
using KeyWarden.Tests.Properties;

namespace KeyWarden.Tests.Accounts;

public class AccountShardTests
{
    private static readonly Gen<string> AccountId = Gen.Long[0, 999_999_999_999].Select(n => n.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1/4", 1, 4)]
    [InlineData("4/4", 4, 4)]
    [InlineData(" 2/3 ", 2, 3)]
    [InlineData("1/1", 1, 1)]
    [InlineData("1000/1000", 1000, 1000)]
    [InlineData("07/10", 7, 10)]
    public void Parses_i_of_n(string text, int index, int count) => Assert.Equal(new AccountShard(index, count), AccountShard.Parse(text));

    [Theory]
    [InlineData("0/4", "--shard: 0/4: i is 1-based and must be 1 to 4")]
    [InlineData("5/4", "--shard: 5/4: i is 1-based and must be 1 to 4")]
    [InlineData("1/0", "--shard: 1/0: n must be 1 to 1000")]
    [InlineData("1/1001", "--shard: 1/1001: n must be 1 to 1000")]
    [InlineData("1/99999999999", "--shard: '1/99999999999' is not i/n")]
    [InlineData("-1/4", "--shard: '-1/4' is not i/n")]
    [InlineData("+1/4", "--shard: '+1/4' is not i/n")]
    [InlineData("1 / 4", "--shard: '1 / 4' is not i/n")]
    [InlineData("1/4/8", "--shard: '1/4/8' is not i/n")]
    [InlineData("1of4", "--shard: '1of4' is not i/n")]
    [InlineData("", "--shard: '' is not i/n")]
    [InlineData("١/٤", "--shard: '١/٤' is not i/n")]
    public void Bad_text_is_a_one_line_input_error(string text, string expected)
    {
        var e = Assert.Throws<KeyWardenException>(() => AccountShard.Parse(text));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(expected, e.Message);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(5, 4)]
    [InlineData(1, 1001)]
    [InlineData(1, 0)]
    public void A_shard_outside_the_bounds_cannot_be_built(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountShard(index, count));

    [Theory]
    [InlineData("111122223333", 4, 1)]
    [InlineData("444455556666", 4, 4)]
    [InlineData("123456789012", 4, 3)]
    [InlineData("000000000001", 4, 3)]
    [InlineData("111122223333", 1000, 485)]
    [InlineData("444455556666", 2, 2)]
    public void The_split_is_pinned_so_every_machine_and_version_agrees(string accountId, int count, int shard)
    {
        // Computed independently: python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'ID').digest()[:8], 'big') % N + 1)"
        Assert.Equal(shard, AccountShard.ShardOf(accountId, count));
        Assert.True(new AccountShard(shard, count).Contains(accountId));
    }

    [Fact]
    public void Every_id_is_in_exactly_one_shard() =>
        DeterministicProperty.Check(
            Gen.Select(AccountId, Gen.Int[1, AccountShard.MaxCount]),
            t =>
            {
                var (id, count) = t;
                Assert.Equal(1, Enumerable.Range(1, count).Count(i => new AccountShard(i, count).Contains(id)));
            },
            cases: 300, seed: 41);

    [Fact]
    public void Adding_accounts_never_moves_an_id_to_another_shard() =>
        DeterministicProperty.Check(
            Gen.Select(AccountId.Array[1, 50], AccountId.Array[0, 50], Gen.Int[1, 16]),
            t =>
            {
                var (fleet, joined, count) = t;
                var before = Shards(fleet, count);
                var after = Shards([.. joined, .. fleet], count);
                Assert.All(fleet, id => Assert.Equal(before[id], after[id]));
            },
            cases: 500, seed: 42);

    [Fact]
    public void Shards_are_roughly_even_over_many_ids()
    {
        var counts = new int[8];
        for (var i = 0; i < 80_000; i++)
        {
            counts[AccountShard.ShardOf((100_000_000_000L + (i * 7919L)).ToString("D12", System.Globalization.CultureInfo.InvariantCulture), 8) - 1]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }

    // Which shard each id lands in when a run selects from this listing (the selection's own view of the split).
    private static Dictionary<string, int> Shards(string[] ids, int count)
    {
        var result = new Dictionary<string, int>();
        for (var i = 1; i <= count; i++)
        {
            var shard = new AccountShard(i, count);
            foreach (var selected in AccountSelection.Select(ids.Select(id => new AccountTarget(id)), [], shard).Selected)
            {
                result.Add(selected.AccountId, i);
            }
        }

        return result;
    }
}
