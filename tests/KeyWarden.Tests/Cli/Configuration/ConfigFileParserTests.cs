using KeyWarden.Cli.Configuration;

namespace KeyWarden.Tests.Cli.Configuration;

public class ConfigFileParserTests
{
    private const string File = "team.yaml";

    private static ConfigFile Parse(string text) => ConfigFileParser.Parse(text, File);

    private static string Error(string text) => Assert.Throws<ConfigFileException>(() => Parse(text)).Message;

    private static string Shared(ConfigFile file, string key) => file.Shared.Single(v => v.Key.Name == key).Text;

    [Theory]
    [InlineData("max-key-age", "30")]
    [InlineData("in-use-days", "14")]
    [InlineData("rotation-grace-days", "0")]
    [InlineData("unused-days", "90")]
    [InlineData("recent-use-guard", "48")]
    [InlineData("max-accounts", "4")]
    [InlineData("max-concurrency", "2")]
    [InlineData("benchmark", "cis-5.0")]
    [InlineData("exceptions", "exceptions.yaml")]
    [InlineData("max-report-age", "2h")]
    [InlineData("source", "live")]
    [InlineData("evidence", "all")]
    [InlineData("max-plan-age", "7d")]
    [InlineData("role-name", "audit/KeyWardenReader")]
    [InlineData("role-session-name", "keywarden-ci")]
    [InlineData("role-duration", "1h")]
    [InlineData("accounts-file", "../fleet.txt")]
    [InlineData("region", "eu-west-1")]
    [InlineData("treat-rotation-as-warning", "true")]
    [InlineData("rules", "iam-root-access-key")]
    public void Every_shared_key_is_read_with_its_line(string key, string value)
    {
        var file = Parse($"# team settings\n\n{key}: {value}\n");
        var read = Assert.Single(file.Shared);
        Assert.Equal(key, read.Key.Name);
        Assert.Equal(value, read.Text);
        Assert.Equal(3, read.Line);
    }

    [Fact]
    public void Every_key_but_the_section_only_ones_is_tested_as_shared()
    {
        // The theory above lists each key once: a key added to ConfigKeys without a test fails here.
        var tested = typeof(ConfigFileParserTests).GetMethod(nameof(Every_shared_key_is_read_with_its_line))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).ToHashSet();
        Assert.Equal(ConfigKeys.All.Where(k => !k.SectionOnly).Select(k => k.Name).Order(), tested.Order());
    }

    [Fact]
    public void Every_key_is_an_option_of_some_command()
    {
        foreach (var key in ConfigKeys.All)
        {
            Assert.True(ConfigKeys.Commands.Values.Any(s => ConfigKeys.Takes(s, key)), key.Name);
        }
    }

    [Theory]
    [InlineData("rules: [iam-root-access-key, iam-access-key-unused]")]
    [InlineData("rules: iam-root-access-key,iam-access-key-unused")]
    [InlineData("rules: \" iam-root-access-key , iam-access-key-unused \"")]
    [InlineData("rules:\n  - iam-root-access-key\n  - iam-access-key-unused")]
    public void A_list_is_a_yaml_list_or_a_comma_string(string yaml) =>
        Assert.Equal("iam-root-access-key,iam-access-key-unused", Shared(Parse(yaml), "rules"));

    [Fact]
    public void Format_is_a_list_in_a_command_section()
    {
        var file = Parse("audit:\n  format: [json, html]\n  max-key-age: 60\nverify:\n  format: junit\n");
        Assert.Equal("json,html", file.Sections["audit"].Single(v => v.Key.Name == "format").Text);
        Assert.Equal(2, file.Sections["audit"].Single(v => v.Key.Name == "format").Line);
        Assert.Equal("60", file.Sections["audit"].Single(v => v.Key.Name == "max-key-age").Text);
        Assert.Equal("junit", file.Sections["verify"].Single().Text);
        Assert.Empty(file.Shared);
    }

    [Fact]
    public void A_section_wins_over_the_shared_value_for_its_command_only()
    {
        var file = Parse("max-key-age: 90\nplan:\n  max-key-age: 60\n");
        Assert.Equal("60", file.For("plan", _ => true).Single().Text);
        Assert.Equal("90", file.For("audit", _ => true).Single().Text);
    }

    [Fact]
    public void A_shared_key_a_command_does_not_take_is_left_out_for_it()
    {
        var file = Parse("max-key-age: 90\nrole-name: Reader\n");
        var forVerify = file.For("verify", k => ConfigKeys.Takes(ConfigKeys.Commands["verify"], k));
        Assert.Equal(["role-name"], forVerify.Select(v => v.Key.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n# another\n")]
    [InlineData("---\n")]
    public void An_empty_file_or_only_comments_sets_nothing(string text)
    {
        var file = Parse(text);
        Assert.Empty(file.Shared);
        Assert.Empty(file.Sections);
    }

    [Fact]
    public void Comments_after_values_are_not_part_of_them()
    {
        var file = Parse("max-key-age: 30   # days\nbenchmark: cis-5.0 # the version we report\n");
        Assert.Equal("30", Shared(file, "max-key-age"));
        Assert.Equal("cis-5.0", Shared(file, "benchmark"));
    }

    [Fact]
    public void Version_1_is_accepted_and_others_refused()
    {
        Assert.Empty(Parse("version: 1\n").Shared);
        Assert.Equal("team.yaml:1: version: only version 1 is supported", Error("version: 2\n"));
    }

    [Fact]
    public void An_unknown_key_names_the_file_the_line_and_the_known_keys()
    {
        var message = Error("max-key-age: 30\nmax-key-ages: 30\n");
        Assert.StartsWith("team.yaml:2: unknown key 'max-key-ages' (known: max-key-age, in-use-days,", message);
        Assert.Contains("audit, plan", message);
    }

    [Fact]
    public void A_credential_key_is_unknown_and_its_value_is_not_echoed()
    {
        const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var message = Error($"max-key-age: 30\naws_secret_access_key: {Secret}\n");
        Assert.StartsWith("team.yaml:2: unknown key 'aws_secret_access_key'", message);
        Assert.DoesNotContain(Secret, message);
        Assert.DoesNotContain("wJalr", Error($"audit:\n  aws_secret_access_key: {Secret}\n"));
    }

    [Fact]
    public void An_unknown_key_in_a_section_names_the_section_and_what_it_takes()
    {
        Assert.StartsWith("team.yaml:3: audit: unknown key 'colour' (known: max-key-age,", Error("audit:\n  format: json\n  colour: never\n"));
    }

    [Fact]
    public void A_known_key_in_a_section_whose_command_lacks_it_is_an_error()
    {
        // The section names its command, so a key that command does not take is a mistake, not something to ignore.
        Assert.StartsWith("team.yaml:2: verify: 'max-key-age' is not an option of verify (known:", Error("verify:\n  max-key-age: 30\n"));
        Assert.StartsWith("team.yaml:2: report-render: 'rules' is not an option of report render", Error("report-render:\n  rules: a\n"));
    }

    [Fact]
    public void Format_at_the_top_level_is_refused_it_differs_between_commands()
    {
        Assert.Equal("team.yaml:1: 'format' differs between commands; set it in a command's section (audit: { format: … })", Error("format: json\n"));
    }

    [Theory]
    [InlineData("max-key-age: abc", "team.yaml:1: max-key-age: 'abc' is not a number")]
    [InlineData("max-key-age: 30.5", "team.yaml:1: max-key-age: '30.5' is not a number")]
    [InlineData("max-key-age: 99999999999", "team.yaml:1: max-key-age: 99999999999 is too large a number")]
    [InlineData("unused-days: [1, 2]", "team.yaml:1: unused-days: must be a single value, not a list")]
    [InlineData("benchmark: { a: b }", "team.yaml:1: benchmark: must be a single value, not a mapping")]
    [InlineData("treat-rotation-as-warning: yes", "team.yaml:1: treat-rotation-as-warning: 'yes' is not true or false")]
    [InlineData("role-name:", "team.yaml:1: role-name: needs a value")]
    [InlineData("role-name: ~", "team.yaml:1: role-name: needs a value")]
    [InlineData("rules: a,,b", "team.yaml:1: rules: an empty item, or an item with a comma in a list; give names like [a, b] or a,b")]
    [InlineData("rules: [\"a,b\"]", "team.yaml:1: rules: an empty item, or an item with a comma in a list; give names like [a, b] or a,b")]
    [InlineData("audit: json", "team.yaml:1: audit: expected a mapping of audit's settings")]
    public void A_bad_value_names_the_file_the_line_and_the_key(string yaml, string expected) =>
        Assert.Equal(expected, Error("# settings\n" + yaml).Replace("team.yaml:2:", "team.yaml:1:"));

    [Fact]
    public void A_bad_value_deep_in_the_file_names_its_own_line()
    {
        Assert.Equal("team.yaml:5: recent-use-guard: 'two days' is not a number", Error("max-key-age: 30\naudit:\n  format: json\napply:\n  recent-use-guard: two days\n"));
    }

    [Fact]
    public void A_long_bad_value_is_cut_short_in_the_error()
    {
        var message = Error($"max-key-age: {new string('x', 10_000)}\n");
        Assert.True(message.Length < 200, message);
        Assert.EndsWith("…' is not a number", message);
    }

    [Theory]
    [InlineData("max-key-age: 30\nmax-key-age: 60\n", "team.yaml:2: duplicate key 'max-key-age'")]
    [InlineData("audit:\n  format: json\n  format: csv\n", "team.yaml:3: duplicate key 'format'")]
    [InlineData("audit:\n  format: json\naudit:\n  format: csv\n", "team.yaml:3: duplicate key 'audit'")]
    public void A_duplicate_key_is_an_error_at_its_second_line(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    [Theory]
    [InlineData("- max-key-age: 30\n", "team.yaml:1: expected a mapping of settings (max-key-age: 90, …) at the top level")]
    [InlineData("just some text\n", "team.yaml:1: expected a mapping of settings (max-key-age: 90, …) at the top level")]
    [InlineData("max-key-age: 30\n---\nmax-key-age: 60\n", "team.yaml:3: more than one YAML document")]
    [InlineData("? [a, b]\n: c\n", "team.yaml:1: a key must be a plain name (max-key-age, rules, …)")]
    public void A_document_that_is_not_one_mapping_is_refused(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        Assert.StartsWith("team.yaml:2: not valid YAML:", Error("max-key-age: 30\nrules: a: b\n"));
    }

    [Theory]
    [InlineData("base: &b 30\nmax-key-age: *b\n", "anchors and aliases are not supported in a config file")]
    [InlineData("max-key-age: !!int 30\n", "YAML tags are not supported in a config file")]
    public void Anchors_aliases_and_tags_are_refused(string yaml, string expected)
    {
        var message = Error(yaml);
        Assert.StartsWith("team.yaml:1: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_model_is_built()
    {
        var message = Error("audit: " + new string('[', 10_000) + "\n");
        Assert.Equal($"team.yaml:1: nested more than {KeyWarden.Audit.Exceptions.BoundedYamlParser.MaxDepth} levels deep; a config file is a mapping of settings, with one level of command sections", message);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_unread()
    {
        Assert.Equal("team.yaml: larger than 64 KiB; not a config file", Error("# " + new string('x', ConfigFileParser.MaxFileSize)));
    }

    [Fact]
    public void A_long_key_is_cut_short_in_the_error()
    {
        var message = Error(new string('k', 500) + ": 1\n");
        Assert.True(message.Length < 200, message);
        Assert.StartsWith("team.yaml:1: unknown key 'kkk", message);
    }
}
