using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class AccountSelectionTests
{
    // Ids whose shard of 4 is pinned in AccountShardTests: 111122223333 -> 1, 444455556666 -> 4, 123456789012 -> 3, 000000000001 -> 3.
    private static readonly AccountTarget Prod = new("111122223333", "prod", "ACTIVE");
    private static readonly AccountTarget Payments = new("444455556666", "payments", "ACTIVE");
    private static readonly AccountTarget Closed = new("123456789012", "old", "SUSPENDED");
    private static readonly AccountTarget Sandbox = new("000000000001", "sandbox", "PENDING_CLOSURE");

    private static AccountSelectionResult Select(IEnumerable<AccountTarget> candidates, string[]? excluded = null, AccountShard? shard = null) =>
        AccountSelection.Select(candidates, excluded ?? [], shard);

    [Fact]
    public void Active_accounts_are_selected_in_id_order_and_the_others_skipped_with_their_state()
    {
        var result = Select([Payments, Closed, Prod, Sandbox]);

        Assert.Equal([Prod, Payments], result.Selected);
        Assert.Equal([new SkippedAccount(Sandbox, "state PENDING_CLOSURE"), new SkippedAccount(Closed, "state SUSPENDED")], result.Skipped);
        Assert.Equal(0, result.OtherShards);
    }

    [Theory]
    [InlineData("PENDING_ACTIVATION")]
    [InlineData("SUSPENDED")]
    [InlineData("PENDING_CLOSURE")]
    [InlineData("CLOSED")]
    [InlineData("SOMETHING_NEW")]
    public void Every_state_but_active_is_skipped_and_named(string state)
    {
        var account = new AccountTarget("111122223333", State: state);
        var result = Select([account]);
        Assert.Empty(result.Selected);
        Assert.Equal(new SkippedAccount(account, $"state {state}"), Assert.Single(result.Skipped));
    }

    [Fact]
    public void An_unknown_state_is_read()
    {
        var ids = new AccountTarget("111122223333");
        Assert.Equal([ids], Select([ids]).Selected);
    }

    [Fact]
    public void Excluded_accounts_are_skipped_as_excluded_even_when_not_active()
    {
        var result = Select([Prod, Payments, Closed], excluded: ["444455556666", "123456789012", "999999999999"]);

        Assert.Equal([Prod], result.Selected);
        Assert.Equal(
            [new SkippedAccount(Closed, "excluded by --exclude-accounts"), new SkippedAccount(Payments, "excluded by --exclude-accounts")],
            result.Skipped);
    }

    [Fact]
    public void Accounts_of_other_shards_are_counted_not_listed_whatever_their_state_or_exclusion()
    {
        var result = Select([Prod, Payments, Closed, Sandbox], excluded: ["444455556666"], shard: new AccountShard(3, 4));

        Assert.Empty(result.Selected);
        Assert.Equal([new SkippedAccount(Sandbox, "state PENDING_CLOSURE"), new SkippedAccount(Closed, "state SUSPENDED")], result.Skipped);
        Assert.Equal(2, result.OtherShards);

        var first = Select([Prod, Payments, Closed, Sandbox], excluded: ["444455556666"], shard: new AccountShard(1, 4));
        Assert.Equal([Prod], first.Selected);
        Assert.Empty(first.Skipped);
        Assert.Equal(3, first.OtherShards);
    }

    [Fact]
    public void Together_the_shards_account_for_every_candidate_exactly_once()
    {
        var candidates = Enumerable.Range(0, 200)
            .Select(i => new AccountTarget($"{100_000_000_000L + (i * 104_729L):D12}", State: i % 7 == 0 ? "SUSPENDED" : "ACTIVE"))
            .ToList();
        var results = Enumerable.Range(1, 5).Select(i => Select(candidates, shard: new AccountShard(i, 5))).ToList();

        var named = results.SelectMany(r => r.Selected.Select(a => a.AccountId).Concat(r.Skipped.Select(s => s.Account.AccountId))).ToList();
        Assert.Equal(candidates.Select(a => a.AccountId).Order(), named.Order());
        Assert.All(results, r => Assert.Equal(candidates.Count - r.Selected.Count - r.Skipped.Count, r.OtherShards));
    }

    [Fact]
    public void Duplicates_collapse_and_the_entry_carrying_a_role_or_name_wins_over_a_bare_one()
    {
        var bare = new AccountTarget("111122223333");
        var fromFile = new AccountTarget("111122223333", "prod", RoleArn: "arn:aws:iam::111122223333:role/Audit", ExternalId: "ext-1");

        Assert.Equal([fromFile], Select([bare, fromFile]).Selected);
        Assert.Equal([fromFile], Select([fromFile, bare]).Selected);
    }

    [Fact]
    public void A_listing_entry_and_a_file_entry_for_one_id_combine()
    {
        var listed = new AccountTarget("111122223333", "prod", "ACTIVE");
        var fromFile = new AccountTarget("111122223333", "prod (file)", RoleName: "ops/Auditor");

        Assert.Equal(new AccountTarget("111122223333", "prod", "ACTIVE", RoleName: "ops/Auditor"), Assert.Single(Select([listed, fromFile]).Selected));
        Assert.Equal(
            new SkippedAccount(new AccountTarget("111122223333", "prod", "SUSPENDED", RoleName: "ops/Auditor"), "state SUSPENDED"),
            Assert.Single(Select([fromFile with { Name = "prod" }, listed with { State = "SUSPENDED" }]).Skipped));
    }

    [Fact]
    public void A_role_override_is_taken_whole_from_one_entry()
    {
        var first = new AccountTarget("111122223333", RoleName: "Audit");
        var second = new AccountTarget("111122223333", RoleArn: "arn:aws:iam::111122223333:role/Other", ExternalId: "ext-2");

        Assert.Equal(first, Assert.Single(Select([first, second]).Selected));
    }

    [Fact]
    public void No_candidates_select_nothing()
    {
        var result = Select([], shard: new AccountShard(1, 2));
        Assert.Equal((0, 0, 0), (result.Selected.Count, result.Skipped.Count, result.OtherShards));
    }
}
