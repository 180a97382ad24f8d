using KeyWarden.Remediation;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Remediation;

/// <summary>Plans with real-looking key ids (as a live or auto plan has them), built directly, for apply, undo and the plan file.</summary>
internal static class RemediationCases
{
    public const string Account = "123456789012";
    public const string PlanId = "11111111-2222-3333-4444-555555555555";

    /// <summary>When the plan was made: an hour before <see cref="TestData.AsOf"/>, the "now" of every fixed clock here.</summary>
    public const string PlanCreatedAt = "2026-11-28T08:00:00Z";

    public static readonly DateTime LongAgo = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Yesterday = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    // alice: deactivate A1 (last used long ago), keep A2; bob: deactivate B1, keep B2; carol: deactivate C1, keep C2.
    public const string A1 = "AKIAALICE00000000001";
    public const string A2 = "AKIAALICE00000000002";
    public const string B1 = "AKIABOB0000000000001";
    public const string B2 = "AKIABOB0000000000002";
    public const string C1 = "AKIACAROL00000000001";
    public const string C2 = "AKIACAROL00000000002";

    public static PlanStep Step(string stepId, string user, string deactivate, string keep, DateTime? deactivateLastUsed = null, DateTime? keepLastUsed = null) =>
        new(
            StepId: stepId,
            AccountId: Account,
            Partition: "aws",
            User: user,
            Arn: $"arn:aws:iam::{Account}:user/{user}",
            DeactivateKey: deactivate,
            KeepKey: keep,
            Classification: "forgotten-key",
            NeedsReview: false,
            RotateKeeper: false,
            Reasons: [$"Deactivate {deactivate}: not used within 30 days"],
            Expected: new ExpectedState(
                new ExpectedKey(deactivate, "Active", Timestamps.Format(deactivateLastUsed is { } d ? new DateTimeOffset(d) : null)),
                new ExpectedKey(keep, "Active", Timestamps.Format(keepLastUsed is { } k ? new DateTimeOffset(k) : null))));

    /// <summary>An iam-access-key-unused step: deactivate a key nobody used since <paramref name="lastUsed"/> (null: never), keeping no key.</summary>
    public static PlanStep UnusedStep(string stepId, string user, string deactivate, DateTime? lastUsed) =>
        Step(stepId, user, deactivate, "unused", lastUsed) with
        {
            KeepKey = null,
            Classification = null,
            Reasons = [$"{deactivate} is active and unused for 88 days"],
            Expected = new ExpectedState(new ExpectedKey(deactivate, "Active", Timestamps.Format(lastUsed is { } d ? new DateTimeOffset(d) : null)), null),
            RuleId = PlanRules.Unused,
            RuleIds = [PlanRules.Unused],
        };

    /// <summary>Steps 1-3: alice, bob and carol each lose their first key, last used <see cref="LongAgo"/>.</summary>
    public static RemediationPlan ThreeUserPlan() => Plan(
        Step("1", "alice", A1, A2, LongAgo, Yesterday),
        Step("2", "bob", B1, B2, LongAgo, Yesterday),
        Step("3", "carol", C1, C2, LongAgo, Yesterday));

    /// <summary>IAM as the plan saw it: every user with two Active keys.</summary>
    public static FakeIam ThreeUserIam() => new FakeIam()
        .User("alice", FakeIam.Active(A1, LongAgo), FakeIam.Active(A2, Yesterday))
        .User("bob", FakeIam.Active(B1, LongAgo), FakeIam.Active(B2, Yesterday))
        .User("carol", FakeIam.Active(C1, LongAgo), FakeIam.Active(C2, Yesterday));

    public static RemediationPlan Plan(params PlanStep[] steps) => new(
        RemediationPlan.CurrentSchemaVersion,
        RemediationPlan.PlanKind,
        PlanId,
        new ToolDocument("keywarden", "0.0.0-test"),
        PlanCreatedAt,
        "2026-11-28T07:59:00Z",
        new ParametersDocument(90, 30, 7, false, 45, ["iam-single-active-access-key"], null),
        Offline: false,
        [new PlanAccount(Account, "aws")],
        [new SourceDocument(Account, "aws", "auto", "2026-11-28T07:59:00Z", null, null, [], "ok", null, null)],
        steps,
        []);
}

/// <summary>A temporary directory per test class instance.</summary>
public abstract class TempDirTest : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("keywarden-remediation-").FullName;

    protected string PathOf(string name) => System.IO.Path.Combine(Dir, name);

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
