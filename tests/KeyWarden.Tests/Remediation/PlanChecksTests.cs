using KeyWarden.Remediation;
using static KeyWarden.Tests.Remediation.RemediationCases;

namespace KeyWarden.Tests.Remediation;

public class PlanChecksTests
{
    private static readonly DateTimeOffset Now = TestData.AsOf; // an hour after PlanCreatedAt

    [Theory]
    [InlineData("7d", 7 * 24)]
    [InlineData("36h", 36)]
    [InlineData("1H", 1)]
    [InlineData("30D", 30 * 24)]
    public void Ages_take_hours_or_days(string text, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), PlanChecks.ParseAge(text));

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData("7w")]
    [InlineData("P7D")]
    [InlineData("99999999999d")]
    public void Other_ages_are_refused(string text) => Assert.Null(PlanChecks.ParseAge(text));

    [Fact]
    public void A_plan_within_the_age_passes() =>
        Assert.Null(PlanChecks.CheckAge(ThreeUserPlan(), Now, TimeSpan.FromHours(1), "1h"));

    [Fact]
    public void A_plan_older_than_the_age_is_refused_naming_its_age_and_the_option()
    {
        var plan = ThreeUserPlan() with { CreatedAt = "2026-11-20T06:00:00Z" };

        var error = PlanChecks.CheckAge(plan, Now, TimeSpan.FromDays(7), "7d");

        Assert.Equal("the plan was made 8d 3h ago (2026-11-20T06:00:00Z), more than --max-plan-age 7d: re-plan and review it again, or pass a larger --max-plan-age. Nothing was changed", error);
    }

    [Fact]
    public void A_plan_a_few_hours_too_old_says_hours() =>
        Assert.Contains("made 1h 0m ago", PlanChecks.CheckAge(ThreeUserPlan(), Now.AddMinutes(0), TimeSpan.FromMinutes(30), "30m"));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/rem", null)]
    [InlineData("arn:aws:sts::123456789012:assumed-role/Remediator/session", null)]
    [InlineData("arn:aws-cn:iam::123456789012:user/rem", "partition aws; the credentials (arn:aws-cn:iam::123456789012:user/rem) are in partition aws-cn")]
    [InlineData("arn:aws-us-gov:sts::123456789012:assumed-role/R/s", "in partition aws-us-gov")]
    public void The_credentials_must_be_in_the_plans_partition(string callerArn, string? refusal)
    {
        var error = PlanChecks.CheckPartition(ThreeUserPlan(), Account, callerArn);

        if (refusal is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(refusal, error);
        }
    }

    [Fact]
    public void A_plan_for_aws_cn_refuses_commercial_credentials()
    {
        var plan = ThreeUserPlan() with { Accounts = [new PlanAccount(Account, "aws-cn")] };

        Assert.Contains("partition aws-cn", PlanChecks.CheckPartition(plan, Account, "arn:aws:iam::123456789012:user/rem"));
    }

    [Fact]
    public void No_selection_is_the_whole_plan()
    {
        var (plan, error) = PlanChecks.Select(ThreeUserPlan(), [], []);

        Assert.Null(error);
        Assert.Equal(["1", "2", "3"], plan!.Steps.Select(s => s.StepId));
    }

    [Fact]
    public void No_selection_of_an_empty_plan_is_the_empty_plan() =>
        Assert.Empty(PlanChecks.Select(Plan(), [], []).Plan!.Steps);

    [Fact]
    public void Principals_select_by_user_glob_case_insensitively()
    {
        var (plan, _) = PlanChecks.Select(ThreeUserPlan(), ["AL*", "carol"], []);

        Assert.Equal(["alice", "carol"], plan!.Steps.Select(s => s.User));
        Assert.Equal(PlanId, plan.PlanId);
    }

    [Fact]
    public void Steps_select_by_id_and_both_together_must_match()
    {
        Assert.Equal(["2"], PlanChecks.Select(ThreeUserPlan(), [], ["2"]).Plan!.Steps.Select(s => s.StepId));
        Assert.Equal(["3"], PlanChecks.Select(ThreeUserPlan(), ["*o*"], ["1", "3"]).Plan!.Steps.Select(s => s.StepId)); // carol only: alice has no "o"

        var (none, error) = PlanChecks.Select(ThreeUserPlan(), ["alice"], ["2"]);
        Assert.Null(none);
        Assert.Contains("select no step", error);
    }

    [Fact]
    public void Unknown_steps_and_globs_matching_nothing_are_named()
    {
        var (plan, error) = PlanChecks.Select(ThreeUserPlan(), ["alice", "zed*", "nobody"], ["2", "9", "x"]);

        Assert.Null(plan);
        Assert.Equal("--step 9, x: no such step in the plan (its steps: 1, 2, 3); --principal zed*, nobody: matches no step's user. Nothing was changed", error);
    }
}
