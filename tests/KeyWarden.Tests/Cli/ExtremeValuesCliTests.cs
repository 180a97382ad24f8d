namespace KeyWarden.Tests.Cli;

/// <summary>Numbers and instants at the edge of their types are one-line usage errors or work; never an overflow.</summary>
public class ExtremeValuesCliTests
{
    private static Task<CliRunner.Result> Audit(params string[] args) =>
        CliRunner.RunAsync(["audit", "--credential-report", TestData.FixturePath("sample-report.csv"), .. args]);

    private static void AssertOneLineUsageError(CliRunner.Result result, string expected)
    {
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("keywarden: error: ", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("unexpected", result.Stderr);
    }

    [Theory]
    [InlineData("--max-key-age", "2147483647")]
    [InlineData("--in-use-days", "2147483647")]
    [InlineData("--rotation-grace-days", "2147483647")]
    [InlineData("--max-key-age", "36501")]
    public async Task A_threshold_past_100_years_is_a_usage_error_not_a_TimeSpan_overflow(string option, string value) =>
        AssertOneLineUsageError(await Audit(option, value), "must be at most 36500 days");

    [Fact]
    public async Task A_threshold_of_exactly_100_years_works()
    {
        var result = await Audit("--max-key-age", "36500", "--in-use-days", "36500", "--rotation-grace-days", "36500");
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
    }

    [Fact]
    public async Task A_number_that_does_not_fit_is_a_usage_error() =>
        AssertOneLineUsageError(await Audit("--max-key-age", "99999999999"), "keywarden: error: --max-key-age: 99999999999 is too large a number");

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task The_first_and_last_instants_as_of_never_crash(string asOf)
    {
        var result = await Audit("--as-of", asOf);

        Assert.DoesNotContain("unexpected", result.Stderr);
        Assert.Contains(result.ExitCode, new[] { ExitCodes.Ok, ExitCodes.Findings, ExitCodes.UsageOrInput });
    }

    [Fact]
    public async Task A_recent_use_guard_past_100_years_is_a_usage_error() =>
        AssertOneLineUsageError(await CliRunner.RunAsync("apply", "plan.json", "--recent-use-guard", "2147483647"), "--recent-use-guard: must be at most 876000 hours (100 years) (got 2147483647)");

    [Theory]
    [InlineData("2147483647d")]
    [InlineData("2147483647h")]
    [InlineData("36501d")]
    public async Task A_max_plan_age_past_100_years_is_a_usage_error_not_a_TimeSpan_overflow(string age) =>
        AssertOneLineUsageError(await CliRunner.RunAsync("apply", "plan.json", "--max-plan-age", age), "at most 100 years");

    [Fact]
    public async Task A_rotation_whose_new_key_dates_from_the_end_of_the_calendar_never_overflows_its_grace_end()
    {
        var path = Path.Combine(Path.GetTempPath(), $"keywarden-rotation-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path,
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
            + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
            + "<root_account>,arn:aws:iam::111122223333:root,2021-02-27T09:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
            + "rot,arn:aws:iam::111122223333:user/rot,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2026-01-01T00:00:00+00:00,2026-11-27T00:00:00+00:00,us-east-1,s3,true,9999-12-30T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n");
        try
        {
            foreach (var args in new[] { new[] { "audit", "--credential-report", path }, ["plan", "--credential-report", path, "--out", path + ".plan.json"] })
            {
                var result = await CliRunner.RunAsync(args);

                Assert.DoesNotContain("unexpected", result.Stderr);
                Assert.NotEqual(ExitCodes.AwsOrRuntime, result.ExitCode);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".plan.json");
        }
    }
}
