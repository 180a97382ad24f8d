using System.Text.Json;
using KeyWarden.Cli;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Reads and writes plan files. A plan is checked whole before anything is done with it: a malformed,
/// unknown-version or inconsistent plan (hand-edited into something the planner would never write) is a
/// one-line input error, exit 2, and nothing is sent to AWS.
/// </summary>
public static class PlanFile
{
    private static readonly JsonSerializerOptions Options = new(JsonReportWriter.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,

        // "offline": true, "offline": false must not mean whichever came last: a reviewer reads the first.
        AllowDuplicateProperties = false,
    };

    private static readonly JsonDocumentOptions ProbeOptions = new() { AllowDuplicateProperties = false };

    private static readonly HashSet<string> Partitions = [.. Common.AwsPartitionNames.All];

    /// <summary>Larger than any plan keywarden writes (100,000 steps are about 150 MB): refused before it is read into memory.</summary>
    public const long MaxPlanBytes = 256L * 1024 * 1024;

    public static void Save(RemediationPlan plan, string path) =>
        ReportOutput.WriteFile(path, writer => writer.Write(JsonSerializer.Serialize(plan, Options) + "\n"));

    /// <summary>SHA-256 of the plan file's bytes, lower-case hex: recorded in the journal's started record.</summary>
    public static string Digest(string path)
    {
        try
        {
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }
    }

    public static RemediationPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such plan file");
        }

        RemediationPlan? plan;
        try
        {
            if (new FileInfo(path).Length > MaxPlanBytes)
            {
                throw KeyWardenException.Input($"{path}: {new FileInfo(path).Length} bytes is more than a plan can be ({MaxPlanBytes} bytes); not read");
            }

            var text = File.ReadAllText(path);
            using (var probe = JsonDocument.Parse(text, ProbeOptions))
            {
                CheckKindAndVersion(path, probe.RootElement);
            }

            plan = JsonSerializer.Deserialize<RemediationPlan>(text, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            throw KeyWardenException.Input($"{path}: not a valid KeyWarden plan{where}: {FileText.Message(FirstSentence(e.Message))}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }

        if (plan is null)
        {
            throw KeyWardenException.Input($"{path}: not a valid KeyWarden plan: empty");
        }

        Validate(path, plan);
        return plan;
    }

    private static void CheckKindAndVersion(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("kind", out var kind)
            || kind.ValueKind != JsonValueKind.String
            || kind.GetString() != RemediationPlan.PlanKind)
        {
            throw KeyWardenException.Input($"{path}: not a KeyWarden plan (no \"kind\": \"{RemediationPlan.PlanKind}\")");
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != RemediationPlan.CurrentSchemaVersion)
        {
            throw KeyWardenException.Input(
                $"{path}: plan schema version {(root.TryGetProperty("schemaVersion", out var raw) ? FileText.Quoted(raw.GetRawText()) : "(missing)")} is not supported; this keywarden reads version {RemediationPlan.CurrentSchemaVersion}");
        }
    }

    private static void Validate(string path, RemediationPlan plan)
    {
        void Fail(string problem) => throw KeyWardenException.Input($"{path}: inconsistent plan: {FileText.Escaped(problem)}");

        // RespectNullableAnnotations does not reach list elements: "steps": [null] deserializes.
        void NoNulls<T>(IReadOnlyList<T> list, string name)
        {
            if (list.Any(item => item is null))
            {
                Fail($"{name} holds a null");
            }
        }

        NoNulls(plan.Accounts, "accounts");
        NoNulls(plan.Sources, "sources");
        NoNulls(plan.Steps, "steps");
        NoNulls(plan.Skipped, "skipped");
        foreach (var step in plan.Steps)
        {
            NoNulls(step.Reasons, $"step {step.StepId}: reasons");
        }

        foreach (var skip in plan.Skipped)
        {
            NoNulls(skip.Deactivate, $"skipped {skip.User}: deactivate");
        }

        if (string.IsNullOrWhiteSpace(plan.PlanId))
        {
            Fail("planId is empty");
        }

        if (Timestamps.Parse(plan.CreatedAt) is null)
        {
            Fail($"createdAt '{FileText.Quoted(plan.CreatedAt)}' is not a timestamp");
        }

        if (Timestamps.Parse(plan.AsOf) is null)
        {
            Fail($"asOf '{FileText.Quoted(plan.AsOf)}' is not a timestamp");
        }

        foreach (var source in plan.Sources)
        {
            if (source.DataAsOf is { } dataAsOf && Timestamps.Parse(dataAsOf) is null)
            {
                Fail($"sources: dataAsOf '{FileText.Quoted(dataAsOf)}' is not a timestamp");
            }
        }

        var accounts = new Dictionary<string, string>();
        foreach (var account in plan.Accounts)
        {
            if (!IamIdentifiers.IsAccountId(account.AccountId))
            {
                Fail($"account id '{FileText.Quoted(account.AccountId)}' is not 12 digits");
            }

            if (!Partitions.Contains(account.Partition))
            {
                Fail($"account {account.AccountId}: unknown partition '{FileText.Quoted(account.Partition)}'");
            }

            // A tampered role could point apply at another account's role: it must be this account's, in this partition.
            if (account.RoleArn is { } role && !IamIdentifiers.IsRoleArnOf(role, account.Partition, account.AccountId))
            {
                Fail($"account {account.AccountId}: roleArn '{FileText.Quoted(role)}' is not a role of that account (arn:{account.Partition}:iam::{account.AccountId}:role/NAME)");
            }

            if (!accounts.TryAdd(account.AccountId, account.Partition))
            {
                Fail($"account {account.AccountId} is listed twice");
            }
        }

        var stepIds = new HashSet<string>();
        var keys = new HashSet<string>();
        foreach (var step in plan.Steps)
        {
            var at = $"step {FileText.Quoted(step.StepId)}";
            if (!stepIds.Add(step.StepId))
            {
                Fail($"{at}: step id is used twice");
            }

            if (!accounts.TryGetValue(step.AccountId, out var partition))
            {
                Fail($"{at}: account {FileText.Quoted(step.AccountId)} is not one of the plan's accounts");
            }
            else if (partition != step.Partition)
            {
                Fail($"{at}: partition {FileText.Quoted(step.Partition)} differs from account {step.AccountId}'s {partition}");
            }

            if (!IamIdentifiers.IsUserName(step.User))
            {
                Fail($"{at}: '{FileText.Quoted(step.User)}' is not an IAM user name");
            }

            // Which rule's step it is decides whether it keeps a key: the single-key rule's always, the unused rule's never.
            if (!PlanRules.Steps.Contains(step.RuleId))
            {
                Fail($"{at}: ruleId '{FileText.Quoted(step.RuleId)}' is not a rule plans have steps for ({string.Join(", ", PlanRules.Steps)})");
            }

            if (step.RuleIds is { } ruleIds && (ruleIds.Any(r => r is null || !PlanRules.Steps.Contains(r)) || !ruleIds.Contains(step.RuleId)))
            {
                Fail($"{at}: ruleIds must list the step's ruleId and only rules plans have steps for ({string.Join(", ", PlanRules.Steps)})");
            }

            if ((step.KeepKey is null) != (step.RuleId == PlanRules.Unused))
            {
                Fail(step.KeepKey is null
                    ? $"{at}: keepKey is missing (only an {PlanRules.Unused} step keeps no key)"
                    : $"{at}: an {PlanRules.Unused} step keeps no key, but keepKey is {FileText.Quoted(step.KeepKey)}");
            }

            foreach (var key in new[] { step.DeactivateKey, step.KeepKey }.OfType<string>())
            {
                if (plan.Offline ? !IamIdentifiers.IsSlotReference(key) : !IamIdentifiers.IsAccessKeyId(key))
                {
                    Fail($"{at}: '{FileText.Quoted(key)}' is not {(plan.Offline ? "a key slot (slot:N)" : "an access key id")}");
                }
            }

            if (step.DeactivateKey == step.KeepKey)
            {
                Fail($"{at}: the key to deactivate is the key to keep ({step.KeepKey})");
            }

            if (step.Expected.Deactivate.Key != step.DeactivateKey || step.Expected.Keep?.Key != step.KeepKey)
            {
                Fail($"{at}: the expected state names other keys than the step");
            }

            foreach (var (name, expected) in new[] { ("deactivate", step.Expected.Deactivate), ("keep", step.Expected.Keep) })
            {
                if (expected?.LastUsedAt is { } lastUsed && Timestamps.Parse(lastUsed) is null)
                {
                    Fail($"{at}: expected.{name}.lastUsedAt '{FileText.Quoted(lastUsed)}' is not a timestamp");
                }
            }

            if (!plan.Offline && !keys.Add($"{step.AccountId}/{step.DeactivateKey}"))
            {
                Fail($"{at}: key {step.DeactivateKey} is deactivated by two steps");
            }
        }

        // A key that one step keeps must not be one another step deactivates: that would leave the user with none.
        foreach (var step in plan.Steps)
        {
            if (step.KeepKey is not null
                && plan.Steps.Any(other => other.AccountId == step.AccountId && other.User == step.User && other.DeactivateKey == step.KeepKey))
            {
                Fail($"step {step.StepId}: kept key {step.KeepKey} is deactivated by another step");
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
