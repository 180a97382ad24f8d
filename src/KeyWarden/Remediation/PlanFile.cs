using System.Text.Json;
using System.Text.RegularExpressions;
using KeyWarden.Cli;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Reads and writes plan files. A plan is checked whole before anything is done with it: a malformed,
/// unknown-version or inconsistent plan (hand-edited into something the planner would never write) is a
/// one-line input error, exit 2, and nothing is sent to AWS.
/// </summary>
public static partial class PlanFile
{
    private static readonly JsonSerializerOptions Options = new(JsonReportWriter.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    private static readonly HashSet<string> Partitions = [.. Common.AwsPartitionNames.All];

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[A-Z0-9]{16,128}$")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"^slot:\d+$")]
    private static partial Regex SlotReference();

    [GeneratedRegex(@"^[\w+=,.@-]{1,128}$")]
    private static partial Regex UserName();

    public static void Save(RemediationPlan plan, string path) =>
        ReportOutput.WriteFile(path, writer => writer.Write(JsonSerializer.Serialize(plan, Options) + "\n"));

    public static RemediationPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such plan file");
        }

        RemediationPlan? plan;
        try
        {
            var text = File.ReadAllText(path);
            using (var probe = JsonDocument.Parse(text))
            {
                CheckKindAndVersion(path, probe.RootElement);
            }

            plan = JsonSerializer.Deserialize<RemediationPlan>(text, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            throw KeyWardenException.Input($"{path}: not a valid KeyWarden plan{where}: {FirstSentence(e.Message)}", e);
        }
        catch (IOException e)
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
                $"{path}: plan schema version {(root.TryGetProperty("schemaVersion", out var raw) ? raw.ToString() : "(missing)")} is not supported; this keywarden reads version {RemediationPlan.CurrentSchemaVersion}");
        }
    }

    private static void Validate(string path, RemediationPlan plan)
    {
        void Fail(string problem) => throw KeyWardenException.Input($"{path}: inconsistent plan: {problem}");

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
            Fail($"createdAt '{plan.CreatedAt}' is not a timestamp");
        }

        var accounts = new Dictionary<string, string>();
        foreach (var account in plan.Accounts)
        {
            if (!AccountId().IsMatch(account.AccountId))
            {
                Fail($"account id '{account.AccountId}' is not 12 digits");
            }

            if (!Partitions.Contains(account.Partition))
            {
                Fail($"account {account.AccountId}: unknown partition '{account.Partition}'");
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
            var at = $"step {step.StepId}";
            if (!stepIds.Add(step.StepId))
            {
                Fail($"{at}: step id is used twice");
            }

            if (!accounts.TryGetValue(step.AccountId, out var partition))
            {
                Fail($"{at}: account {step.AccountId} is not one of the plan's accounts");
            }
            else if (partition != step.Partition)
            {
                Fail($"{at}: partition {step.Partition} differs from account {step.AccountId}'s {partition}");
            }

            if (!UserName().IsMatch(step.User))
            {
                Fail($"{at}: '{step.User}' is not an IAM user name");
            }

            var keyPattern = plan.Offline ? SlotReference() : AccessKeyId();
            foreach (var key in new[] { step.DeactivateKey, step.KeepKey })
            {
                if (!keyPattern.IsMatch(key))
                {
                    Fail($"{at}: '{key}' is not {(plan.Offline ? "a key slot (slot:N)" : "an access key id")}");
                }
            }

            if (step.DeactivateKey == step.KeepKey)
            {
                Fail($"{at}: the key to deactivate is the key to keep ({step.KeepKey})");
            }

            if (step.Expected.Deactivate.Key != step.DeactivateKey || step.Expected.Keep.Key != step.KeepKey)
            {
                Fail($"{at}: the expected state names other keys than the step");
            }

            if (!plan.Offline && !keys.Add($"{step.AccountId}/{step.DeactivateKey}"))
            {
                Fail($"{at}: key {step.DeactivateKey} is deactivated by two steps");
            }
        }

        // A key that one step keeps must not be one another step deactivates: that would leave the user with none.
        foreach (var step in plan.Steps)
        {
            if (plan.Steps.Any(other => other.AccountId == step.AccountId && other.User == step.User && other.DeactivateKey == step.KeepKey))
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
