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
}
