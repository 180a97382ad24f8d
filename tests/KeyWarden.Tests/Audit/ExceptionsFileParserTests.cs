using KeyWarden.Audit.Exceptions;

namespace KeyWarden.Tests.Audit;

public class ExceptionsFileParserTests
{
    private static readonly string[] Rules = ["iam-single-active-access-key"];

    private static ExceptionList Parse(string yaml) => ExceptionFileParser.Parse(yaml, "exceptions.yaml", Rules);

    [Fact]
    public void A_full_file_parses()
    {
        var list = Parse("""
            version: 1
            exceptions:
              - account: "111122223333"
                principal: ci-*
                rule: iam-single-active-access-key
                reason: "Deploy pipeline rotates keys itself (SEC-123)"
                expires: 2027-01-31
              - principal: backup-agent
                reason: vendor appliance, replaced in March
                expires: 2027-03-01T12:00:00+01:00
            """);
        Assert.Equal(2, list.Entries.Count);
        var first = list.Entries[0];
        Assert.Equal(("111122223333", "ci-*", "iam-single-active-access-key"), (first.Account, first.Principal, first.Rule));
        Assert.Equal("2027-01-31", first.Expires);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), first.ExpiresAt);
        Assert.Equal(3, first.Line);
        var second = list.Entries[1];
        Assert.Null(second.Account);
        Assert.Null(second.Rule);
        Assert.Equal("2027-03-01T11:00:00Z", second.Expires);
    }

    [Fact]
    public void An_empty_list_is_allowed()
    {
        Assert.Empty(Parse("exceptions: []\n").Entries);
        Assert.Empty(Parse("exceptions:\n").Entries);
    }

    [Theory]
    [InlineData("exceptions: [\n", "not valid YAML")]
    [InlineData("", "empty file")]
    [InlineData("- principal: bob\n", "expected a mapping")]
    [InlineData("excepts: []\n", "unknown key 'excepts'")]
    [InlineData("version: 2\nexceptions: []\n", "only version 1")]
    [InlineData("exceptions:\n  - principal: bob\n    expires: 2027-01-01\n", "missing 'reason'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n", "missing 'expires'")]
    [InlineData("exceptions:\n  - reason: x\n    expires: 2027-01-01\n", "missing 'principal'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: \"\"\n    expires: 2027-01-01\n", "'reason' is empty")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: next week\n", "is not a date")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 2027-02-30\n", "is not a date")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 2027-01-01\n    user: bob\n", "unknown key 'user'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 2027-01-01\n    rule: other\n", "unknown rule 'other'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 2027-01-01\n    account: prod\n", "12-digit account")]
    [InlineData("exceptions:\n  - principal: [a, b]\n    reason: x\n    expires: 2027-01-01\n", "single value")]
    [InlineData("exceptions:\n  - bob\n", "must be a mapping")]
    [InlineData("exceptions: bob\n", "must be a list")]
    [InlineData("exceptions:\n  - principal: bob\n    principal: eve\n    reason: x\n    expires: 2027-01-01\n", "line 3: not valid YAML: Duplicate key principal")]
    [InlineData("exceptions: []\nexceptions: []\n", "line 2: not valid YAML: Duplicate key exceptions")]
    [InlineData("exceptions:\n  - &e {principal: bob, reason: x, expires: 2027-01-01}\n  - *e\n", "anchors and aliases are not supported")]
    [InlineData("a: &a [x]\nb: *a\n", "anchors and aliases are not supported")]
    [InlineData("exceptions:\n  - principal: !!binary aGVsbG8=\n    reason: x\n    expires: 2027-01-01\n", "tags are not supported")]
    [InlineData("exceptions:\n  - principal: !custom bob\n    reason: x\n    expires: 2027-01-01\n", "tags are not supported")]
    [InlineData("exceptions:\n  - principal: ~\n    reason: x\n    expires: 2027-01-01\n", "'principal' is empty")]
    [InlineData("exceptions:\n  - principal: null\n    reason: x\n    expires: 2027-01-01\n", "'principal' is empty")]
    [InlineData("exceptions:\n  - principal: no\n    reason: x\n    expires: 2027-01-01\n", "YAML boolean")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: true\n    expires: 2027-01-01\n", "YAML boolean")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: {at: 2027-01-01}\n", "single value")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 10000-01-01\n", "is not a date")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 0000-12-31\n", "is not a date")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 9999-12-31T23:59:59-01:00\n", "is not a date")]
    [InlineData("exceptions:\n  - ? [a, b]\n    : x\n", "unknown key ''")]
    [InlineData("version: [1]\nexceptions: []\n", "single value")]
    [InlineData(": [\r1", "not valid YAML: the YAML reader failed")] // YamlDotNet throws InvalidOperationException here
    public void Invalid_files_are_one_line_errors_naming_the_file(string yaml, string expected)
    {
        var e = Assert.Throws<ExceptionFileException>(() => Parse(yaml));
        Assert.StartsWith("exceptions.yaml: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Errors_name_the_line()
    {
        var e = Assert.Throws<ExceptionFileException>(() => Parse("exceptions:\n  - principal: bob\n    reason: x\n    expires: soon\n"));
        Assert.Contains("line 4", e.Message);
    }

    [Fact]
    public void The_last_day_of_the_calendar_is_a_date_that_never_expires_rather_than_an_overflow()
    {
        var entry = Parse("exceptions:\n  - principal: bob\n    reason: x\n    expires: 9999-12-31\n").Entries.Single();

        Assert.Equal(DateTimeOffset.MaxValue, entry.ExpiresAt);
        Assert.Equal("9999-12-31", entry.Expires);
        Assert.False(entry.IsExpired(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void The_first_and_last_timestamps_parse()
    {
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), Parse("exceptions:\n  - principal: bob\n    reason: x\n    expires: 9999-12-31T23:59:59Z\n").Entries.Single().ExpiresAt);
        Assert.True(Parse("exceptions:\n  - principal: bob\n    reason: x\n    expires: 0001-01-01\n").Entries.Single().IsExpired(TestData.AsOf));
    }

    [Theory]
    [InlineData(100_000, "[", "]")]
    [InlineData(100_000, "{a: ", "}")]
    [InlineData(33, "[", "]")]
    public void Deep_nesting_is_refused_before_the_document_is_built(int depth, string open, string close)
    {
        var yaml = "exceptions: " + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        var e = Assert.Throws<ExceptionFileException>(() => Parse(yaml));

        Assert.Contains("nested more than 32 levels deep", e.Message);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void Block_nesting_is_bounded_too()
    {
        var yaml = new System.Text.StringBuilder("exceptions:\n");
        for (var i = 0; i < 40; i++)
        {
            yaml.Append(new string(' ', (i + 1) * 2)).Append("- \n");
        }

        Assert.Contains("nested more than 32", Assert.Throws<ExceptionFileException>(() => Parse(yaml.ToString())).Message);
    }

    [Fact]
    public void Nesting_within_the_bound_is_an_ordinary_error()
    {
        var yaml = "exceptions: " + new string('[', 31) + new string(']', 31) + "\n";
        Assert.Contains("must be a mapping", Assert.Throws<ExceptionFileException>(() => Parse(yaml)).Message);
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_its_first_anchor()
    {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + string.Concat(Enumerable.Range(0, 8).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n"));

        var e = Assert.Throws<ExceptionFileException>(() => Parse(yaml));

        Assert.Contains("line 1: anchor '&a'", e.Message);
    }

    [Fact]
    public void A_text_larger_than_the_limit_is_refused_without_parsing()
    {
        var yaml = "exceptions: []\n#" + new string('x', ExceptionFileParser.MaxFileSize);
        Assert.Contains("larger than 1 MiB", Assert.Throws<ExceptionFileException>(() => Parse(yaml)).Message);
    }

    [Fact]
    public void Quoted_text_that_looks_like_a_boolean_or_null_is_text()
    {
        var entry = Parse("exceptions:\n  - principal: \"no\"\n    reason: 'null'\n    expires: 2027-01-01\n    account: 111122223333\n").Entries.Single();
        Assert.Equal(("no", "null", "111122223333"), (entry.Principal, entry.Reason, entry.Account));
    }
}
