using System.Text.Json.Nodes;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class PlanFileTests : TempDirTest
{
    private string SaveValid(RemediationPlan? plan = null)
    {
        var path = PathOf("plan.json");
        PlanFile.Save(plan ?? RemediationCases.ThreeUserPlan(), path);
        return path;
    }

    /// <summary>Saves a valid plan, lets <paramref name="edit"/> change its JSON, writes it back.</summary>
    private string Tampered(Action<JsonObject> edit, RemediationPlan? plan = null)
    {
        var path = SaveValid(plan);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static JsonObject Step(JsonObject plan, int index) => plan["steps"]![index]!.AsObject();

    private static KeyWardenException AssertRejected(string path, string? mentions = null)
    {
        var e = Assert.Throws<KeyWardenException>(() => PlanFile.Load(path));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(path + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        if (mentions is not null)
        {
            Assert.Contains(mentions, e.Message);
        }

        return e;
    }

    [Fact]
    public void Save_then_load_round_trips()
    {
        var plan = RemediationCases.ThreeUserPlan();
        var loaded = PlanFile.Load(SaveValid(plan));

        Assert.Equal(plan.PlanId, loaded.PlanId);
        Assert.Equal(plan.Tool, loaded.Tool);
        Assert.Equal(plan.Parameters, loaded.Parameters);
        Assert.Equal(plan.Accounts, loaded.Accounts);
        Assert.Equal(plan.Steps.Count, loaded.Steps.Count);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            Assert.Equal(plan.Steps[i] with { Reasons = [] }, loaded.Steps[i] with { Reasons = [] });
            Assert.Equal(plan.Steps[i].Reasons, loaded.Steps[i].Reasons);
        }
    }

    [Fact]
    public void The_offline_sample_plan_round_trips()
    {
        var plan = Planner.Plan(TestData.SampleReport(), TestData.Tool, "p", includeNeedsReview: false);
        var loaded = PlanFile.Load(SaveValid(plan));

        Assert.True(loaded.Offline);
        Assert.Equal(plan.Steps.Select(s => (s.User, s.DeactivateKey, s.KeepKey, s.Expected)), loaded.Steps.Select(s => (s.User, s.DeactivateKey, s.KeepKey, s.Expected)));
        Assert.Equal(plan.Skipped.Select(s => (s.User, s.Reason)), loaded.Skipped.Select(s => (s.User, s.Reason)));
    }

    [Fact]
    public void Field_names_are_camel_case()
    {
        var json = JsonNode.Parse(File.ReadAllText(SaveValid()))!.AsObject();

        Assert.Equal(1, (int)json["schemaVersion"]!);
        Assert.Equal("keywarden-remediation-plan", (string)json["kind"]!);
        var step = Step(json, 0);
        Assert.Equal(RemediationCases.A1, (string)step["deactivateKey"]!);
        Assert.Equal(RemediationCases.A2, (string)step["keepKey"]!);
        Assert.NotNull(step["expected"]!["deactivate"]!["lastUsedAt"]);
    }

    [Fact]
    public void Missing_file() => AssertRejected(PathOf("nope.json"), "no such plan file");

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("{\"kind\": \"keywarden-remediation-plan\", \"schemaVersion\": 1, ")]
    public void Not_json(string text)
    {
        var path = PathOf("plan.json");
        File.WriteAllText(path, text);
        AssertRejected(path);
    }

    [Fact]
    public void A_json_array()
    {
        var path = PathOf("plan.json");
        File.WriteAllText(path, "[{\"kind\": \"keywarden-remediation-plan\", \"schemaVersion\": 1}]");
        AssertRejected(path, "not a KeyWarden plan");
    }

    [Fact]
    public void An_audit_report_is_not_a_plan() =>
        AssertRejected(TestData.ExpectedPath("sample-report.json"), "not a KeyWarden plan");

    [Fact]
    public void Wrong_kind() => AssertRejected(Tampered(p => p["kind"] = "keywarden-report"), "not a KeyWarden plan");

    [Fact]
    public void Schema_version_2() => AssertRejected(Tampered(p => p["schemaVersion"] = 2), "schema version 2 is not supported");

    [Fact]
    public void Schema_version_missing() => AssertRejected(Tampered(p => p.Remove("schemaVersion")), "(missing)");

    [Fact]
    public void Schema_version_as_a_string() => AssertRejected(Tampered(p => p["schemaVersion"] = "1"), "not supported");

    [Theory]
    [InlineData("planId")]
    [InlineData("steps")]
    [InlineData("accounts")]
    [InlineData("createdAt")]
    [InlineData("tool")]
    [InlineData("offline")]
    public void A_required_top_level_field_missing(string field) => AssertRejected(Tampered(p => p.Remove(field)));

    [Theory]
    [InlineData("planId")]
    [InlineData("steps")]
    [InlineData("accounts")]
    public void A_required_top_level_field_null(string field) => AssertRejected(Tampered(p => p[field] = null));

    [Theory]
    [InlineData("stepId")]
    [InlineData("accountId")]
    [InlineData("user")]
    [InlineData("deactivateKey")]
    [InlineData("keepKey")]
    [InlineData("expected")]
    [InlineData("reasons")]
    public void A_required_step_field_missing(string field) => AssertRejected(Tampered(p => Step(p, 1).Remove(field)));

    [Theory]
    [InlineData("user")]
    [InlineData("deactivateKey")]
    [InlineData("keepKey")]
    [InlineData("partition")]
    public void A_required_step_field_null(string field) => AssertRejected(Tampered(p => Step(p, 1)[field] = null));

    // ---- the rule a step comes from ------------------------------------------------------------------

    private static RemediationPlan MixedPlan() => RemediationCases.Plan(
        RemediationCases.Step("1", "alice", RemediationCases.A1, RemediationCases.A2, RemediationCases.LongAgo, RemediationCases.Yesterday),
        RemediationCases.UnusedStep("2", "bob", RemediationCases.B1, RemediationCases.LongAgo));

    [Fact]
    public void An_unused_key_step_round_trips_with_its_rule_and_no_keeper()
    {
        var path = SaveValid(MixedPlan());
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var loaded = PlanFile.Load(path);

        Assert.Equal("iam-access-key-unused", (string?)Step(json, 1)["ruleId"]);
        Assert.Null(Step(json, 1)["keepKey"]);
        Assert.True(Step(json, 1).ContainsKey("keepKey")); // written as null, not left out
        Assert.Equal(MixedPlan().Steps[1] with { Reasons = [], RuleIds = null }, loaded.Steps[1] with { Reasons = [], RuleIds = null });
        Assert.Equal(["iam-access-key-unused"], loaded.Steps[1].RuleIds);
        Assert.Equal(("iam-single-active-access-key", "AKIAALICE00000000002"), (loaded.Steps[0].RuleId, loaded.Steps[0].KeepKey));
    }

    [Fact]
    public void A_plan_written_before_the_rule_family_reads_as_the_single_key_rules()
    {
        var loaded = PlanFile.Load(Tampered(p =>
        {
            foreach (var step in p["steps"]!.AsArray())
            {
                step!.AsObject().Remove("ruleId");
                step.AsObject().Remove("ruleIds");
            }
        }));

        Assert.All(loaded.Steps, s => Assert.Equal(["iam-single-active-access-key"], s.ResolvedRules()));
    }

    [Fact]
    public void A_step_of_a_rule_plans_do_not_have_is_refused() =>
        AssertRejected(Tampered(p => Step(p, 0)["ruleId"] = "iam-access-key-rotation", MixedPlan()), "is not a rule plans have steps for");

    [Fact]
    public void Rule_ids_that_leave_out_the_steps_rule_are_refused() =>
        AssertRejected(Tampered(p => Step(p, 1)["ruleIds"] = new JsonArray("iam-single-active-access-key"), MixedPlan()), "ruleIds must list the step's ruleId");

    [Fact]
    public void An_unused_key_step_that_names_a_keeper_is_refused() =>
        AssertRejected(Tampered(p => Step(p, 1)["keepKey"] = RemediationCases.B2, MixedPlan()), "step keeps no key");

    [Fact]
    public void A_single_key_step_without_a_keeper_is_refused() =>
        AssertRejected(Tampered(p =>
        {
            Step(p, 0)["keepKey"] = null;
            Step(p, 0)["expected"]!["keep"] = null;
        }, MixedPlan()), "keepKey is missing");

    [Fact]
    public void An_expected_key_null() => AssertRejected(Tampered(p => Step(p, 0)["expected"]!["keep"] = null));

    [Fact]
    public void A_null_step() => AssertRejected(Tampered(p => p["steps"]!.AsArray()[1] = null));

    [Theory]
    [InlineData("arn:aws:iam::999999999999:role/OrganizationAccountAccessRole")] // another account's role
    [InlineData("arn:aws-cn:iam::{account}:role/OrganizationAccountAccessRole")] // another partition
    [InlineData("arn:aws:iam::{account}:user/admin")] // not a role
    [InlineData("arn:aws:iam::{account}:role/")] // no name
    [InlineData("arn:aws:iam::{account}:role/bad name")] // not an IAM name
    [InlineData("arn:aws:sts::{account}:assumed-role/x/y")]
    public void A_role_that_is_not_a_role_of_that_account_is_refused(string role) =>
        AssertRejected(Tampered(p => p["accounts"]![0]!["roleArn"] = role.Replace("{account}", RemediationCases.Account, StringComparison.Ordinal)),
            "is not a role of that account");

    [Theory]
    [InlineData("arn:aws:iam::{account}:role/OrganizationAccountAccessRole")]
    [InlineData("arn:aws:iam::{account}:role/ops/automation/KeyWardenRemediation")]
    public void A_role_of_that_account_is_accepted(string role)
    {
        var loaded = PlanFile.Load(Tampered(p => p["accounts"]![0]!["roleArn"] = role.Replace("{account}", RemediationCases.Account, StringComparison.Ordinal)));

        Assert.Equal(role.Replace("{account}", RemediationCases.Account, StringComparison.Ordinal), loaded.Accounts[0].RoleArn);
    }

    [Fact]
    public void A_null_account() => AssertRejected(Tampered(p => p["accounts"]!.AsArray().Add(null)));

    [Fact]
    public void An_empty_plan_id() => AssertRejected(Tampered(p => p["planId"] = " "), "planId is empty");

    [Fact]
    public void A_created_at_that_is_not_a_timestamp() => AssertRejected(Tampered(p => p["createdAt"] = "yesterday"), "createdAt");

    [Fact]
    public void Keep_equals_deactivate() => AssertRejected(Tampered(p =>
    {
        Step(p, 0)["keepKey"] = RemediationCases.A1;
        Step(p, 0)["expected"]!["keep"]!["key"] = RemediationCases.A1;
    }), "the key to deactivate is the key to keep");

    [Fact]
    public void Step_account_not_in_the_accounts() =>
        AssertRejected(Tampered(p => Step(p, 2)["accountId"] = "999999999999"), "account 999999999999 is not one of the plan's accounts");

    [Fact]
    public void Partition_mismatch() =>
        AssertRejected(Tampered(p => Step(p, 0)["partition"] = "aws-cn"), "partition aws-cn differs");

    [Fact]
    public void Unknown_partition() =>
        AssertRejected(Tampered(p => p["accounts"]![0]!["partition"] = "aws-mars"), "unknown partition");

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void Bad_account_id(string accountId) => AssertRejected(Tampered(p =>
    {
        p["accounts"]![0]!["accountId"] = accountId;
        foreach (var step in p["steps"]!.AsArray())
        {
            step!["accountId"] = accountId;
        }
    }), "is not 12 digits");

    [Fact]
    public void An_account_listed_twice() => AssertRejected(Tampered(p =>
        p["accounts"]!.AsArray().Add(new JsonObject { ["accountId"] = RemediationCases.Account, ["partition"] = "aws" })), "listed twice");

    [Theory]
    [InlineData("deactivateKey", "akiaalice00000000001")]
    [InlineData("deactivateKey", "slot:1")]
    [InlineData("keepKey", "AKIA-SHORT")]
    [InlineData("keepKey", "")]
    public void Bad_key_id(string field, string value) => AssertRejected(Tampered(p =>
    {
        Step(p, 0)[field] = value;
        Step(p, 0)["expected"]![field == "deactivateKey" ? "deactivate" : "keep"]!["key"] = value;
    }), "is not an access key id");

    [Fact]
    public void An_offline_plan_with_a_key_id_instead_of_a_slot()
    {
        var plan = Planner.Plan(TestData.SampleReport(), TestData.Tool, "p", includeNeedsReview: false);
        AssertRejected(Tampered(p =>
        {
            Step(p, 0)["deactivateKey"] = "AKIAALICE00000000001";
            Step(p, 0)["expected"]!["deactivate"]!["key"] = "AKIAALICE00000000001";
        }, plan), "is not a key slot");
    }

    [Fact]
    public void A_bad_user_name() => AssertRejected(Tampered(p => Step(p, 0)["user"] = "alice/../root"), "is not an IAM user name");

    [Fact]
    public void Duplicate_step_ids() => AssertRejected(Tampered(p => Step(p, 2)["stepId"] = "1"), "step id is used twice");

    [Fact]
    public void A_key_deactivated_by_two_steps() => AssertRejected(Tampered(p =>
    {
        // Step 2 (bob) now also deactivates alice's A1.
        Step(p, 1)["deactivateKey"] = RemediationCases.A1;
        Step(p, 1)["expected"]!["deactivate"]!["key"] = RemediationCases.A1;
    }), "is deactivated by two steps");

    [Fact]
    public void A_kept_key_deactivated_by_another_step_of_the_same_user()
    {
        // alice has three keys: step 1 keeps A2, step 2 deactivates it (keeping a third key).
        const string a3 = "AKIAALICE00000000003";
        var plan = RemediationCases.Plan(
            RemediationCases.Step("1", "alice", RemediationCases.A1, RemediationCases.A2),
            RemediationCases.Step("2", "alice", RemediationCases.A2, a3));
        AssertRejected(SaveValid(plan), $"kept key {RemediationCases.A2} is deactivated by another step");
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("keep")]
    public void Expected_state_keys_not_matching_the_step(string which) =>
        AssertRejected(Tampered(p => Step(p, 0)["expected"]![which]!["key"] = RemediationCases.C2), "the expected state names other keys than the step");

    [Fact]
    public void A_valid_plan_with_unknown_extra_fields_still_loads()
    {
        var loaded = PlanFile.Load(Tampered(p => p["comment"] = "reviewed by alice"));
        Assert.Equal(3, loaded.Steps.Count);
    }

    [Theory]
    [InlineData("\"offline\": false", "\"offline\": true, \"offline\": false")]
    [InlineData("\"planId\": \"11111111-2222-3333-4444-555555555555\"", "\"planId\": \"11111111-2222-3333-4444-555555555555\", \"planId\": \"other\"")]
    [InlineData("\"kind\": \"keywarden-remediation-plan\"", "\"kind\": \"keywarden-remediation-plan\", \"kind\": \"keywarden-remediation-plan\"")]
    [InlineData("\"deactivateKey\": \"AKIAALICE00000000001\"", "\"deactivateKey\": \"AKIAALICE00000000001\", \"deactivateKey\": \"AKIAALICE00000000002\"")]
    public void A_duplicate_property_is_refused_not_resolved_by_the_last_one(string original, string duplicated)
    {
        var path = SaveValid();
        var text = File.ReadAllText(path);
        Assert.Contains(original, text);
        File.WriteAllText(path, text.Replace(original, duplicated));

        var e = AssertRejected(path);

        Assert.Contains("uplicate", e.Message);
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("asOf")]
    [InlineData("expected.deactivate.lastUsedAt")]
    [InlineData("expected.keep.lastUsedAt")]
    [InlineData("sources.dataAsOf")]
    public void An_unparseable_timestamp_is_refused_naming_the_field(string field)
    {
        var path = Tampered(p =>
        {
            switch (field)
            {
                case "createdAt" or "asOf":
                    p[field] = "not-a-time";
                    break;
                case "sources.dataAsOf":
                    p["sources"]![0]!["dataAsOf"] = "not-a-time";
                    break;
                default:
                    Step(p, 0)["expected"]![field.Split('.')[1]]!["lastUsedAt"] = "not-a-time";
                    break;
            }
        });

        var e = AssertRejected(path, "not-a-time");

        Assert.Contains(field.Split('.')[^1], e.Message);
    }

    [Fact]
    public void Digest_is_the_SHA256_of_the_file_bytes_in_lower_case_hex()
    {
        var path = SaveValid();

        var digest = PlanFile.Digest(path);

        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), digest);
        Assert.Matches("^[0-9a-f]{64}$", digest);
        File.AppendAllText(path, " ");
        Assert.NotEqual(digest, PlanFile.Digest(path));
    }

    [Theory]
    [InlineData("123456789012\n")]
    [InlineData("١٢٣٤٥٦٧٨٩٠١٢")]
    public void Identifiers_are_ASCII_and_whole(string accountId)
    {
        var path = Tampered(p =>
        {
            p["accounts"]![0]!["accountId"] = accountId;
            foreach (var step in p["steps"]!.AsArray())
            {
                step!["accountId"] = accountId;
            }
        });

        AssertRejected(path, "12 digits");
    }
}
