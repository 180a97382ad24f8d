using System.Text.Json;
using Json.Schema;
using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Reports;

/// <summary>Reports beyond the sample: every status at once, and principals whose names try to break out of their format.</summary>
internal static class ReportFixtures
{
    public const string ScriptName = "<script>alert('x')</script>";
    public const string QuoteName = "\"quote\"&amp;]]>";

    private static readonly DateTimeOffset Day = TestData.AsOf;

    /// <summary>PASS, FAIL (the script-named user), WARN, ERROR and MUTED, in one account.</summary>
    public static AuditReport EveryStatus()
    {
        var source = new SourceInfo("111122223333", "aws", SourceKind.Live, Day.AddMinutes(-5), Location: "https://iam.amazonaws.com");
        AccessKey Key(string id, int createdDaysAgo, int? usedDaysAgo, string? service = "s3") =>
            new(id, null, KeyStatus.Active, Day.AddDays(-createdDaysAgo), usedDaysAgo is { } u ? Day.AddDays(-u) : null, usedDaysAgo is null ? null : service, usedDaysAgo is null ? null : "us-east-1");

        var principals = new List<PrincipalKeys>
        {
            new("alice", "arn:aws:iam::111122223333:user/alice", false, [Key("AKIAALICE00000000001", 10, 1)]),
            new(ScriptName, "arn:aws:iam::111122223333:user/" + ScriptName, false, [Key("AKIASCRIPT0000000001", 400, 200), Key("AKIASCRIPT0000000002", 20, 1)]),
            new("rotating", "arn:aws:iam::111122223333:user/rotating", false, [Key("AKIAROTATE0000000001", 100, 0), Key("AKIAROTATE0000000002", 2, null)]),
            new("broken", "arn:aws:iam::111122223333:user/broken", false, [], ReadError: "AccessDenied on ListAccessKeys"),
            new("svc-legacy", "arn:aws:iam::111122223333:user/svc-legacy", false, [Key("AKIALEGACY0000000001", 300, 3), Key("AKIALEGACY0000000002", 250, 100)]),
        };
        var report = Auditor.Audit([new AccountInventory(source, principals)], TestData.SingleRule with { TreatRotationAsWarning = true }, Day, TestData.GeneratedAt);
        var exceptions = new ExceptionList("exceptions.yaml",
        [
            new ExceptionEntry(null, "svc-*", null, "Legacy batch job, decommissioned in Q1 (TICKET-42)", Day.AddDays(30), "2026-12-28", 3),
        ]);
        return ExceptionMatcher.Apply(report, exceptions);
    }

    /// <summary>Two accounts: one read (alice passes), one that could not be read (access denied); plus one whose id is not known.</summary>
    public static AuditReport WithUnreadableAccounts()
    {
        var read = new SourceInfo("111122223333", "aws", SourceKind.Live, Day.AddMinutes(-5));
        var denied = new SourceInfo("444455556666", "aws-us-gov", SourceKind.Auto, null, Error: "AccessDenied: not authorized to perform iam:GenerateCredentialReport");
        var unknown = new SourceInfo(null, null, SourceKind.Live, null, Error: "could not reach the AWS endpoint: connection refused");
        var alice = new PrincipalKeys("alice", "arn:aws:iam::111122223333:user/alice", false,
            [new AccessKey("AKIAALICE00000000001", null, KeyStatus.Active, Day.AddDays(-10), Day.AddDays(-1), "s3", "us-east-1")]);
        return Auditor.Audit([new AccountInventory(read, [alice]), new AccountInventory(denied, []), new AccountInventory(unknown, [])],
            TestData.SingleRule, Day, TestData.GeneratedAt);
    }

    /// <summary>A name a crafted credential report can carry: shell and HTML metacharacters at once.</summary>
    public const string ShellHostileName = "o'brien; rm -rf ~ $(id) <b>&";

    /// <summary>
    /// Every rule over one live account: carol has two active keys (one to deactivate, ids known), dave one key unused
    /// for 200 days and 400 days old, the shell-hostile name two keys, a name starting with '-' an unused key, root an
    /// active key (never a CLI command), and erin passes everything.
    /// </summary>
    public static AuditReport Family()
    {
        var source = new SourceInfo("111122223333", "aws", SourceKind.Live, Day.AddMinutes(-5));
        AccessKey Key(string id, int createdDaysAgo, int? usedDaysAgo) =>
            new(id, null, KeyStatus.Active, Day.AddDays(-createdDaysAgo), usedDaysAgo is { } u ? Day.AddDays(-u) : null, usedDaysAgo is null ? null : "s3", usedDaysAgo is null ? null : "us-east-1")
            { LastUsedSource = LastUseSource.Live };
        PrincipalKeys User(string name, params AccessKey[] keys) => new(name, $"arn:aws:iam::111122223333:user/{name}", false, keys);

        var principals = new List<PrincipalKeys>
        {
            new(PrincipalKeys.RootName, "arn:aws:iam::111122223333:root", true, [Key("AKIAROOT000000000001", 500, 3)]),
            User("carol", Key("AKIACAROL00000000001", 300, 200), Key("AKIACAROL00000000002", 20, 1)),
            User("dave", Key("AKIADAVE000000000001", 400, 200)),
            User(ShellHostileName, Key("AKIAHOSTILE000000001", 300, 150), Key("AKIAHOSTILE000000002", 10, 0)),
            User("-dash", Key("AKIADASH000000000001", 100, 60)),
            User("erin", Key("AKIAERIN000000000001", 10, 1)),
        };
        return Auditor.Audit([new AccountInventory(source, principals)], new AuditParameters(), Day, TestData.GeneratedAt);
    }

    // JsonSchema.Net registers a schema by its $id globally: build each file once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>An organization run: a read member with a failing user, a refused one, a throttled one and a closed (skipped) one.</summary>
    public static AuditReport Fleet()
    {
        var ok = new SourceInfo("111122223333", "aws", SourceKind.Auto, Day.AddMinutes(-5), Status: AccountStatus.Ok, AccountName: "prod <main>",
            RoleArn: "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole");
        var denied = new SourceInfo("444455556666", "aws", SourceKind.Auto, null, "could not assume arn:aws:iam::444455556666:role/OrganizationAccountAccessRole: AccessDenied",
            Status: AccountStatus.AccessDenied, AccountName: "sandbox");
        var throttled = new SourceInfo("777788889999", "aws", SourceKind.Auto, null, "IAM kept throttling", Status: AccountStatus.Throttled);
        var closed = new SourceInfo("222233334444", "aws", SourceKind.Auto, null, Notes: ["state SUSPENDED"], Status: AccountStatus.Skipped, AccountName: "old");
        var twoKeys = new PrincipalKeys("bob", "arn:aws:iam::111122223333:user/bob", false,
        [
            new AccessKey("AKIABOB0000000000001", null, KeyStatus.Active, Day.AddDays(-300), Day.AddDays(-200), "s3", "us-east-1"),
            new AccessKey("AKIABOB0000000000002", null, KeyStatus.Active, Day.AddDays(-10), Day.AddDays(-1), "s3", "us-east-1"),
        ]);
        return Auditor.Audit(
            [new AccountInventory(ok, [twoKeys]), new AccountInventory(denied, []), new AccountInventory(throttled, []), new AccountInventory(closed, [])],
            TestData.SingleRule, Day, TestData.GeneratedAt);
    }

    public static IReadOnlyList<string> SchemaErrors(string schemaFile, string json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, f => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", f))))).Value;
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                .ToList();
    }

    public static string Render(KeyWarden.Reports.IReportWriter writer, AuditReport report)
    {
        var output = new StringWriter();
        writer.Write(report, output);
        return output.ToString();
    }
}
