using System.Text;
using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class AccountsFileTests
{
    private static IReadOnlyList<AccountTarget> Parse(string text) => AccountsFile.Parse(text, "accounts.txt");

    private static string ErrorOf(string text)
    {
        var e = Assert.Throws<KeyWardenException>(() => Parse(text));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith("accounts.txt", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        return e.Message;
    }

    [Fact]
    public void A_list_of_ids_with_comments_blank_lines_and_indentation_parses()
    {
        var accounts = Parse("""
            # production fleet
            111122223333
              444455556666   # payments
            	777788889999	#tabs around

            000000000001#no space before the comment
            """);

        Assert.Equal(["111122223333", "444455556666", "777788889999", "000000000001"], accounts.Select(a => a.AccountId));
        Assert.All(accounts, a => Assert.Equal(new AccountTarget(a.AccountId), a));
    }

    [Theory]
    [InlineData("111122223333\r\n444455556666\r\n")]
    [InlineData("111122223333\r444455556666")]
    [InlineData("\uFEFF111122223333\n444455556666\n")]
    [InlineData("\n\n# only comments first\n\n111122223333\n444455556666")]
    public void Line_endings_and_a_byte_order_mark_do_not_change_the_ids(string text) =>
        Assert.Equal(["111122223333", "444455556666"], Parse(text).Select(a => a.AccountId));

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# nothing to retry\n")]
    public void A_file_without_ids_is_an_empty_list(string text) => Assert.Empty(Parse(text));

    [Theory]
    [InlineData("111122223333\n11112222333\n", "accounts.txt:2: '11112222333' is not a 12-digit account id")]
    [InlineData("111122223333\n1111222233334\n", "accounts.txt:2: '1111222233334' is not a 12-digit account id")]
    [InlineData("111122223333 prod\n", "accounts.txt:1: '111122223333 prod' is not a 12-digit account id")]
    [InlineData("111122223333,444455556666\n", "accounts.txt:1: '111122223333,444455556666'")]
    [InlineData("111122223333\r\n\r\nabc\r\n", "accounts.txt:3: 'abc'")]
    [InlineData("111122223333\r\rabc", "accounts.txt:3: 'abc'")]
    [InlineData("1111２２２２3333\n", "accounts.txt:1: '1111２２２２3333' is not a 12-digit")] // full-width digits are not ASCII
    [InlineData("111122223333\n\u001b[2J44445555666\n", "accounts.txt:2: '\\u001b[2J44445555666'")]
    [InlineData("111122223333\n\uFEFF444455556666\n", "accounts.txt:2: '\uFEFF444455556666'")]
    public void A_line_that_is_not_an_id_is_an_error_naming_its_line(string text, string expected) =>
        Assert.StartsWith(expected, ErrorOf(text));

    [Fact]
    public void A_duplicate_id_is_an_error_naming_both_lines()
    {
        Assert.Equal(
            "accounts.txt:4: account 111122223333 is listed twice (first on line 2)",
            ErrorOf("# fleet\n111122223333\n444455556666\n  111122223333 # again\n"));
    }

    [Fact]
    public void A_yaml_file_with_every_field_parses()
    {
        var accounts = Parse("""
            # the fleet, with per-account roles
            version: 1
            accounts:
              - id: "111122223333"
                name: prod payments
                role: arn:aws:iam::111122223333:role/security/KeyWardenAudit
                externalId: "ext-1234:abc/def"
              - id: 444455556666
                role: AWSControlTowerExecution
              - id: 777788889999
                role: /ops/Auditor
              - 000000000001
              - "000000000002"
            """);

        Assert.Equal(
            [
                new AccountTarget("111122223333", "prod payments", null, "arn:aws:iam::111122223333:role/security/KeyWardenAudit", "ext-1234:abc/def"),
                new AccountTarget("444455556666", RoleName: "AWSControlTowerExecution"),
                new AccountTarget("777788889999", RoleName: "ops/Auditor"),
                new AccountTarget("000000000001"),
                new AccountTarget("000000000002"),
            ],
            accounts);
    }

    [Theory]
    [InlineData("accounts: []\n")]
    [InlineData("accounts:\n")]
    [InlineData("accounts: ~\n")]
    [InlineData("---\naccounts: []\n...\n")]
    public void An_empty_yaml_list_is_allowed(string text) => Assert.Empty(Parse(text));

    [Fact]
    public void Yaml_in_flow_style_and_with_crlf_parses()
    {
        var accounts = Parse("accounts: [{id: '111122223333', name: a}, 444455556666]\r\n");
        Assert.Equal([new AccountTarget("111122223333", "a"), new AccountTarget("444455556666")], accounts);
    }

    [Theory]
    [InlineData("accounts:\n  - id: 111122223333\n    nmae: prod\n", "accounts.txt:3: unknown key 'nmae' in an account entry; allowed: id, name, role, externalId")]
    [InlineData("accounts:\n  - id: 111122223333\n    external_id: abc\n", "accounts.txt:3: unknown key 'external_id'")]
    [InlineData("version: 1\naccount:\n  - 111122223333\n", "accounts.txt:2: unknown key 'account' at the top level; allowed: version, accounts")]
    [InlineData("version: 2\naccounts: []\n", "accounts.txt:1: version: only version 1")]
    [InlineData("version: 1\n", "accounts.txt:1: missing 'accounts' list")]
    [InlineData("accounts:\n  - name: prod\n", "accounts.txt:2: account entry is missing 'id'")]
    [InlineData("accounts:\n  - id: 1111\n", "accounts.txt:2: '1111' is not a 12-digit account id")]
    [InlineData("accounts:\n  - 111122223333\n  - id: '111122223333'\n", "accounts.txt:3: account 111122223333 is listed twice (first on line 2)")]
    [InlineData("accounts:\n  - id: 111122223333\n    id: 444455556666\n", "accounts.txt:3: duplicate key 'id'")]
    [InlineData("accounts: []\naccounts: []\n", "accounts.txt:2: duplicate key 'accounts'")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: arn:aws:iam::444455556666:role/Audit\n", "accounts.txt:3: role: the ARN is a role in account '444455556666', not in this entry's account 111122223333")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: arn:aws-mars:iam::111122223333:role/Audit\n", "accounts.txt:3: role: unknown partition 'aws-mars'")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: arn:aws:iam::111122223333:user/Audit\n", "accounts.txt:3: role: 'arn:aws:iam::111122223333:user/Audit' is not a role ARN")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: arn:aws:iam::111122223333:role/a b\n", "accounts.txt:3: role: 'a b' is not a role name")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: Audit Role\n", "accounts.txt:3: role: 'Audit Role' is not a role name")]
    [InlineData("accounts:\n  - id: 111122223333\n    role: ops//Audit\n", "accounts.txt:3: role: 'ops//Audit': the role path")]
    [InlineData("accounts:\n  - id: 111122223333\n    externalId: x\n", "accounts.txt:3: externalId: 'x' is not an external id")]
    [InlineData("accounts:\n  - id: 111122223333\n    externalId: \"a b\"\n", "accounts.txt:3: externalId: 'a b'")]
    [InlineData("accounts:\n  - id: 111122223333\n    name: \"a\\u001bb\"\n", "accounts.txt:3: name: 'a\\u001bb' is not one line of text")]
    [InlineData("accounts:\n  - id: 111122223333\n    name: \"\"\n", "accounts.txt:3: 'name' is empty")]
    [InlineData("accounts:\n  - id: 111122223333\n    name: no\n", "accounts.txt:3: 'name': no is a YAML boolean")]
    [InlineData("accounts:\n  - id: [111122223333]\n", "accounts.txt:2: 'id' must be a single value")]
    [InlineData("accounts:\n  - [111122223333]\n", "accounts.txt:2: an account entry is an id or a mapping")]
    [InlineData("accounts: 111122223333\n", "accounts.txt:1: 'accounts' must be a list")]
    [InlineData("accounts:\n  - {id: 111122223333}\n  - {id: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", "accounts.txt:3: 'id' must be a single value")]
    [InlineData("- 111122223333\n", "accounts.txt:1: expected account ids, one a line, or YAML with an 'accounts:' list")]
    [InlineData("prod\n", "accounts.txt:1: expected account ids")]
    [InlineData("accounts: [\n", "accounts.txt:2: not valid YAML")]
    [InlineData("accounts:\n\t- 111122223333\n", "accounts.txt:1: not valid YAML: While scanning")]
    [InlineData("accounts: []\n---\naccounts: []\n", "accounts.txt:2: more than one YAML document")]
    [InlineData("accounts:\n  - &a 111122223333\n  - *a\n", "accounts.txt:2: anchor '&a': anchors and aliases are not supported")]
    [InlineData("accounts:\n  - !!binary MTExMTIyMjIzMzMz\n", "accounts.txt:2: tag 'tag:yaml.org,2002:binary': YAML tags are not supported")]
    [InlineData("? [a]\n: x\n", "accounts.txt:1: a key at the top level must be plain text")]
    public void Invalid_yaml_is_an_error_naming_the_file_line_and_problem(string text, string expected) =>
        Assert.StartsWith(expected, ErrorOf(text));

    [Fact]
    public void Deep_nesting_is_refused_at_the_first_level_the_format_does_not_have()
    {
        var text = "accounts: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        Assert.StartsWith("accounts.txt:1: an account entry is an id or a mapping", ErrorOf(text));
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_its_first_anchor()
    {
        var text = "accounts: &a [\"111122223333\"]\nversion: *a\n";
        Assert.Contains("anchors and aliases are not supported", ErrorOf(text));
    }

    [Fact]
    public void Text_larger_than_the_bound_is_refused_before_it_is_parsed()
    {
        var text = new StringBuilder().Insert(0, "111122223333\n", (AccountsFile.MaxFileSize / 13) + 1).ToString();
        Assert.Equal("accounts.txt: larger than 8 MiB; not an accounts file", ErrorOf(text));
    }

    [Fact]
    public void More_entries_than_the_bound_are_refused_naming_the_first_line_past_it()
    {
        var text = string.Concat(Enumerable.Range(1, AccountsFile.MaxEntries + 1).Select(i => $"{i:D12}\n"));
        Assert.Equal($"accounts.txt:{AccountsFile.MaxEntries + 1}: more than {AccountsFile.MaxEntries} accounts", ErrorOf(text));
        Assert.Equal(AccountsFile.MaxEntries, Parse(string.Concat(Enumerable.Range(1, AccountsFile.MaxEntries).Select(i => $"{i:D12}\n"))).Count);
    }

    [Fact]
    public void The_display_name_is_shown_with_control_characters_escaped()
    {
        var e = Assert.Throws<KeyWardenException>(() => AccountsFile.Parse("abc\n", "evil\nname.txt"));
        Assert.StartsWith("evil\\u000aname.txt:1: ", e.Message);
    }
}
