using KeyWarden.Audit;
using KeyWarden.Cli.Commands;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

/// <summary>A per-user read failure is an ERROR finding for that user; the rest of the account is still reported.</summary>
public sealed class LiveInventorySourceTests
{
    private static readonly DateTime Yesterday = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);

    private static ScriptedIam Account() => new ScriptedIam()
        .User("alice", ("AKIAALICE00000000001", "Active", Yesterday))
        .User("bob", ("AKIABOB0000000000001", "Active", null), ("AKIABOB0000000000002", "Active", Yesterday))
        .User("carol", ("AKIACAROL00000000001", "Active", Yesterday), ("AKIACAROL00000000002", "Active", null));

    private static async Task<AuditReport> AuditAsync(ScriptedIam iam)
    {
        var source = new LiveInventorySource(iam, iam, maxConcurrency: 2, new FixedClock(TestData.AsOf), location: null);
        var inventories = await source.ReadAsync(CancellationToken.None);
        return Auditor.Audit(inventories, TestData.SingleRule, TestData.AsOf, TestData.AsOf);
    }

    private static Finding Of(AuditReport report, string user) => report.Findings.Single(f => f.Principal == user);

    public static TheoryData<string, string> Faults() => new()
    {
        { "throttling", "Throttling: Rate exceeded" },
        { "service failure", "ServiceFailure: Internal failure" },
    };

    private static Func<Exception> Fault(string kind) => kind == "throttling" ? ScriptedIam.Throttling : ScriptedIam.ServiceFailure;

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_ListAccessKeys_failure_after_retries_is_an_ERROR_for_that_user_only(string kind, string message)
    {
        var iam = Account();
        iam.ListAccessKeysFaults["bob"] = Fault(kind);

        var report = await AuditAsync(iam);

        Assert.Null(Assert.Single(report.Sources).Error);
        var bob = Of(report, "bob");
        Assert.Equal(FindingStatus.Error, bob.Status);
        Assert.Null(bob.Decision);
        Assert.Equal($"could not evaluate: could not list the access keys of bob (ListAccessKeys): {message}", bob.Message);
        Assert.Equal(FindingStatus.Pass, Of(report, "alice").Status);
        Assert.Equal(FindingStatus.Fail, Of(report, "carol").Status);
        Assert.Equal(ExitCodes.AwsOrRuntime, AuditCommand.ExitCodeFor(report));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_GetAccessKeyLastUsed_failure_after_retries_is_an_ERROR_for_that_user_only(string kind, string message)
    {
        var iam = Account();
        iam.LastUsedFaults["AKIACAROL00000000002"] = Fault(kind);

        var report = await AuditAsync(iam);

        Assert.Null(Assert.Single(report.Sources).Error);
        var carol = Of(report, "carol");
        Assert.Equal(FindingStatus.Error, carol.Status);
        Assert.Equal($"could not evaluate: could not read the last use of key AKIACAROL00000000002 of carol (GetAccessKeyLastUsed): {message}", carol.Message);
        Assert.Equal(FindingStatus.Fail, Of(report, "bob").Status);
        Assert.Equal(1, report.Summary.Error);
        Assert.Equal(ExitCodes.AwsOrRuntime, AuditCommand.ExitCodeFor(report));
    }

    [Fact]
    public async Task A_key_deleted_between_ListAccessKeys_and_GetAccessKeyLastUsed_is_an_ERROR_not_a_deleted_user()
    {
        var iam = Account();
        iam.BeforeGetAccessKeyLastUsed = id =>
        {
            if (id == "AKIABOB0000000000002")
            {
                iam.DeleteKey(id);
            }
        };

        var report = await AuditAsync(iam);

        var bob = Of(report, "bob");
        Assert.Equal(FindingStatus.Error, bob.Status);
        Assert.StartsWith("could not evaluate: key AKIABOB0000000000002 of bob was deleted while being read (GetAccessKeyLastUsed: NoSuchEntity", bob.Message);
        Assert.Empty(report.Sources[0].Notes ?? []);
        Assert.Equal(3, report.Summary.Principals);
        Assert.Equal(ExitCodes.AwsOrRuntime, AuditCommand.ExitCodeFor(report));
    }

    [Fact]
    public async Task A_user_deleted_since_it_was_listed_is_a_note_not_a_finding()
    {
        var iam = Account();
        iam.ListAccessKeysFaults["bob"] = () => new KeyWarden.Aws.Iam.Model.NoSuchEntityException("The user with name bob cannot be found.");

        var report = await AuditAsync(iam);

        Assert.DoesNotContain(report.Findings, f => f.Principal == "bob");
        Assert.Contains("user bob was deleted while being read; skipped", report.Sources[0].Notes!);
    }

    [Fact]
    public async Task Expired_credentials_are_not_one_users_problem_the_account_fails()
    {
        var iam = Account();
        iam.LastUsedFaults["AKIACAROL00000000002"] = ScriptedIam.ExpiredToken;

        var report = await AuditAsync(iam);

        Assert.StartsWith("ExpiredToken", report.Sources[0].Error);
        Assert.Empty(report.Findings);
        Assert.Equal(ExitCodes.AwsOrRuntime, AuditCommand.ExitCodeFor(report));
    }

    [Fact]
    public async Task Cancellation_is_never_turned_into_a_finding()
    {
        var iam = Account();
        iam.LastUsedFaults["AKIACAROL00000000002"] = () => new OperationCanceledException();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AuditAsync(iam));
    }

    [Fact]
    public async Task Auto_source_candidates_that_cannot_be_re_read_are_ERRORs_too()
    {
        var iam = Account();
        iam.ListAccessKeysFaults["bob"] = ScriptedIam.Throttling;
        var reader = new LiveKeyReader(iam);

        var bob = await reader.ReadAsync("bob", null, CancellationToken.None);

        Assert.NotNull(bob);
        Assert.Empty(bob.Keys);
        Assert.Contains("Throttling", bob.ReadError);
    }

    [Fact]
    public async Task An_account_without_IAM_users_evaluated_nothing_and_is_a_source_error()
    {
        var report = await AuditAsync(new ScriptedIam());

        Assert.StartsWith("nothing to evaluate: ListUsers returned no IAM users", report.Sources[0].Error);
        Assert.Equal(ExitCodes.AwsOrRuntime, AuditCommand.ExitCodeFor(report));
    }

    [Fact]
    public async Task A_throttled_GetAccountSummary_is_a_note_not_the_loss_of_the_account()
    {
        var iam = Account();
        iam.AccountSummaryFault = ScriptedIam.Throttling;

        var report = await AuditAsync(iam);

        Assert.Null(report.Sources[0].Error);
        Assert.Equal(3, report.Summary.Principals);
        Assert.Contains(report.Sources[0].Notes!, n => n.StartsWith("iam:GetAccountSummary failed (Throttling: Rate exceeded)", StringComparison.Ordinal));
    }
}
