using KeyWarden.Cli.Configuration;

namespace KeyWarden.Tests.Cli.Configuration;

public class ConfigArgumentsTests
{
    private static readonly string ConfigDir = Path.Combine(Path.GetTempPath(), "team");

    private static AppliedConfig Apply(string yaml, params string[] args) =>
        ConfigArguments.Apply(args, ConfigFileParser.Parse(yaml, "team.yaml"), ConfigArguments.SectionOf(args)!, ConfigDir);

    [Theory]
    [InlineData(new[] { "audit" }, "audit")]
    [InlineData(new[] { "--debug", "audit", "--max-key-age", "3" }, "audit")]
    [InlineData(new[] { "report", "render", "r.json" }, "report-render")]
    [InlineData(new[] { "check-access", "--org" }, "check-access")]
    public void The_section_is_the_command_word(string[] args, string section) => Assert.Equal(section, ConfigArguments.SectionOf(args));

    [Fact]
    public void A_value_the_command_line_lacks_is_added_as_its_option()
    {
        var applied = Apply("max-key-age: 30\n", "audit", "--credential-report", "r.csv");
        Assert.Equal(["audit", "--credential-report", "r.csv", "--max-key-age", "30"], applied.Arguments);
        Assert.Equal("max-key-age", Assert.Single(applied.Supplied).Key.Name);
    }

    [Theory]
    [InlineData("--max-key-age", "120")]
    [InlineData("--max-key-age=120")]
    [InlineData("--max-key-age:120")]
    public void An_option_on_the_command_line_wins(params string[] option)
    {
        var applied = Apply("max-key-age: 30\n", ["audit", .. option]);
        Assert.Equal(["audit", .. option], applied.Arguments);
        Assert.Empty(applied.Supplied);
    }

    [Fact]
    public void A_short_alias_on_the_command_line_wins_too()
    {
        Assert.Equal(["audit", "-f", "csv"], Apply("audit:\n  format: [json]\n", "audit", "-f", "csv").Arguments);
    }

    [Fact]
    public void Options_go_before_a_double_dash()
    {
        Assert.Equal(["apply", "--yes", "--recent-use-guard", "48", "--", "-plan.json"], Apply("apply:\n  recent-use-guard: 48\n", "apply", "--yes", "--", "-plan.json").Arguments);
    }

    [Fact]
    public void Lists_are_given_comma_joined_and_flags_with_their_value()
    {
        var applied = Apply("rules: [a, b]\ntreat-rotation-as-warning: true\n", "audit");
        Assert.Equal(["audit", "--rules", "a,b", "--treat-rotation-as-warning", "true"], applied.Arguments);
    }

    [Fact]
    public void Plan_takes_rules_only_from_its_own_section()
    {
        // A shared rules list is audit's: what plan changes in AWS is never set by a shared default.
        Assert.Equal(["plan"], Apply("rules: [iam-access-key-unused]\n", "plan").Arguments);
        Assert.Equal(["audit", "--rules", "iam-access-key-unused"], Apply("rules: [iam-access-key-unused]\n", "audit").Arguments);
        Assert.Equal(["plan", "--rules", "iam-access-key-unused"], Apply("plan:\n  rules: [iam-access-key-unused]\n", "plan").Arguments);
    }

    [Fact]
    public void A_relative_path_is_relative_to_the_config_files_directory()
    {
        var applied = Apply("exceptions: ex.yaml\naccounts-file: ../fleet.txt\n", "audit");
        Assert.Equal(["audit", "--exceptions", Path.Combine(ConfigDir, "ex.yaml"), "--accounts-file", Path.GetFullPath(Path.Combine(ConfigDir, "..", "fleet.txt"))], applied.Arguments);
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "ex.yaml");
        Assert.Equal(["audit", "--exceptions", absolute], Apply($"exceptions: '{absolute}'\n", "audit").Arguments);
    }

    [Fact]
    public void A_key_the_command_does_not_take_is_left_out()
    {
        var applied = Apply("max-key-age: 30\nrole-name: Reader\nbenchmark: cis-5.0\n", "verify", "plan.json");
        Assert.Equal(["verify", "plan.json", "--role-name", "Reader"], applied.Arguments);
        Assert.Equal(["rules", "--benchmark", "cis-5.0"], Apply("max-key-age: 30\nbenchmark: cis-5.0\n", "rules").Arguments);
    }

    [Fact]
    public void An_offline_credential_report_leaves_out_how_to_reach_aws()
    {
        var applied = Apply("role-name: Reader\naccounts-file: fleet.txt\nmax-accounts: 4\nsource: live\nmax-key-age: 30\n", "audit", "--credential-report", "r.csv");
        Assert.Equal(["audit", "--credential-report", "r.csv", "--max-key-age", "30"], applied.Arguments);
    }

    [Theory]
    [InlineData("--org")]
    [InlineData("--ou")]
    [InlineData("--accounts")]
    public void An_account_selection_on_the_command_line_replaces_the_files_accounts_file(string selection)
    {
        var applied = Apply("accounts-file: fleet.txt\n", "audit", selection, "x");
        Assert.Equal(["audit", selection, "x"], applied.Arguments);
    }

    [Fact]
    public void A_command_the_file_has_nothing_for_is_left_alone()
    {
        Assert.Equal(["report", "merge", "a.json", "b.json"], Apply("max-key-age: 30\n", "report", "merge", "a.json", "b.json").Arguments);
    }

    [Fact]
    public void An_error_about_a_value_from_the_file_names_the_file_and_line()
    {
        var applied = Apply("# thresholds\nmax-key-age: -3\n", "audit");
        Assert.Equal("team.yaml:2: max-key-age: must be at least 1 (got -3)", applied.Attribute("--max-key-age: must be at least 1 (got -3)"));
        Assert.Equal("--max-key-ages: x", applied.Attribute("--max-key-ages: x"));
        Assert.Equal("--in-use-days: must be at least 1 (got 0)", applied.Attribute("--in-use-days: must be at least 1 (got 0)"));
    }

    [Fact]
    public void An_error_that_only_mentions_a_value_from_the_file_says_where_it_was_set()
    {
        var applied = Apply("accounts-file: fleet.txt\n", "audit", "--exclude-accounts", "111122223333");
        Assert.Equal(
            "use --accounts-file or not (accounts-file from team.yaml:1)",
            applied.Attribute("use --accounts-file or not"));
        Assert.Equal("use --accounts-filex", applied.Attribute("use --accounts-filex"));
    }
}
