using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class RoleParametersTests
{
    private static string ErrorOf(Action action)
    {
        var e = Assert.Throws<KeyWardenException>(action);
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Theory]
    [InlineData("aws", "OrganizationAccountAccessRole", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole")]
    [InlineData("aws-cn", "ops/Auditor", "arn:aws-cn:iam::111122223333:role/ops/Auditor")]
    [InlineData("aws-us-gov", "/a/b/Auditor", "arn:aws-us-gov:iam::111122223333:role/a/b/Auditor")]
    public void The_arn_is_built_in_the_partition_and_account(string partition, string role, string expected) =>
        Assert.Equal(expected, RoleParameters.RoleArn(partition, "111122223333", role));

    [Fact]
    public void The_arn_refuses_what_the_caller_should_have_checked()
    {
        Assert.Throws<ArgumentException>(() => RoleParameters.RoleArn("aws-mars", "111122223333", "Audit"));
        Assert.Throws<ArgumentException>(() => RoleParameters.RoleArn("aws", "1111", "Audit"));
        Assert.StartsWith("--role-name: ", ErrorOf(() => RoleParameters.RoleArn("aws", "111122223333", "bad name")));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("OrganizationAccountAccessRole")]
    [InlineData("AWSControlTowerExecution")]
    [InlineData("x_+=,.@-y")]
    [InlineData("ops/Auditor")]
    [InlineData("/ops/team-1/Auditor")]
    [InlineData("p!~:/Auditor")]
    public void Role_names_iam_accepts_pass(string value) => RoleParameters.ValidateRoleName(value);

    [Fact]
    public void Role_name_and_path_bounds_are_iams()
    {
        RoleParameters.ValidateRoleName(new string('r', 64));
        Assert.StartsWith("--role-name: ", ErrorOf(() => RoleParameters.ValidateRoleName(new string('r', 65))));

        // pathType is at most 512 with its leading and trailing '/': 510 characters between them.
        RoleParameters.ValidateRoleName(new string('p', 510) + "/Audit");
        Assert.Contains("the role path", ErrorOf(() => RoleParameters.ValidateRoleName(new string('p', 511) + "/Audit")));
    }

    [Theory]
    [InlineData("", "is not a role name")]
    [InlineData("a b", "is not a role name")]
    [InlineData("Audité", "is not a role name")]
    [InlineData("Audit\n", "is not a role name")]
    [InlineData("ops/", "is not a role name")]
    [InlineData("ops//Audit", "the role path")]
    [InlineData("op s/Audit", "the role path")]
    [InlineData("arn:aws:iam::111122223333:role/Audit", "is an ARN; give a role name")]
    public void Role_names_iam_refuses_fail(string value, string expected)
    {
        var message = ErrorOf(() => RoleParameters.ValidateRoleName(value));
        Assert.StartsWith("--role-name: ", message);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("keywarden", true)]
    [InlineData("ci@example.com,run=42.1_+-", true)]
    [InlineData("a", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("a:b", false)]
    [InlineData("sessión", false)]
    [InlineData("ab\n", false)]
    public void Session_names_are_2_to_64_of_stss_characters(string value, bool valid)
    {
        if (valid)
        {
            RoleParameters.ValidateSessionName(value);
        }
        else
        {
            Assert.StartsWith("--role-session-name: ", ErrorOf(() => RoleParameters.ValidateSessionName(value)));
        }
    }

    [Fact]
    public void Session_name_length_bounds()
    {
        RoleParameters.ValidateSessionName(new string('s', 64));
        Assert.StartsWith("--role-session-name: ", ErrorOf(() => RoleParameters.ValidateSessionName(new string('s', 65))));
        RoleParameters.ValidateSessionName(RoleParameters.DefaultSessionName);
        RoleParameters.ValidateRoleName(RoleParameters.DefaultRoleName);
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("urn:ext/1234=a,b.c@d-e_f+g", true)]
    [InlineData("a", false)]
    [InlineData("a b", false)]
    [InlineData("a#b", false)]
    [InlineData("ab\n", false)]
    public void External_ids_are_2_to_1224_of_stss_characters(string value, bool valid)
    {
        if (valid)
        {
            RoleParameters.ValidateExternalId(value);
        }
        else
        {
            Assert.StartsWith($"--external-id: '{value.Replace("\n", "\\u000a", StringComparison.Ordinal)}' is not an external id", ErrorOf(() => RoleParameters.ValidateExternalId(value)));
        }
    }

    [Fact]
    public void External_id_length_bounds()
    {
        RoleParameters.ValidateExternalId(new string('e', 1224));
        Assert.Contains("(1225 characters)", ErrorOf(() => RoleParameters.ValidateExternalId(new string('e', 1225))));
    }

    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("3600s", 3600)]
    [InlineData("60m", 3600)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h0m30s", 3630)]
    [InlineData("15m", 900)]
    [InlineData("900", 900)]
    [InlineData("12h", 43200)]
    [InlineData("43200", 43200)]
    [InlineData(" 2H ", 7200)]
    [InlineData("3600\n", 3600)]
    public void Durations_parse(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), RoleParameters.ParseDuration(text));

    [Theory]
    [InlineData("899", "--role-duration: 899 is 899 seconds; AssumeRole takes 900 (15m) to 43200 (12h)")]
    [InlineData("14m59s", "--role-duration: 14m59s is 899 seconds")]
    [InlineData("12h1s", "--role-duration: 12h1s is 43201 seconds")]
    [InlineData("999h", "--role-duration: 999h is 3596400 seconds")]
    [InlineData("0", "--role-duration: 0 is 0 seconds")]
    [InlineData("", "--role-duration: '' is not a duration")]
    [InlineData("1h30", "--role-duration: '1h30' is not a duration")]
    [InlineData("30m1h", "--role-duration: '30m1h' is not a duration")]
    [InlineData("1.5h", "--role-duration: '1.5h' is not a duration")]
    [InlineData("-3600", "--role-duration: '-3600' is not a duration")]
    [InlineData("1d", "--role-duration: '1d' is not a duration")]
    [InlineData("PT1H", "--role-duration: 'PT1H' is not a duration")]
    [InlineData("h", "--role-duration: 'h' is not a duration")]
    [InlineData("99999999999999999999", "--role-duration: '99999999999999999999' is not a duration")]
    public void Bad_durations_are_one_line_errors(string text, string expected) =>
        Assert.StartsWith(expected, ErrorOf(() => RoleParameters.ParseDuration(text)));
}
