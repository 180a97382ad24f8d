using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;

namespace KeyWarden.Tests.Audit;

public class ExceptionsMatcherTests
{
    private static ExceptionEntry Entry(string principal, string? account = null, string expires = "2027-01-31", string? rule = null, string reason = "accepted risk") =>
        new(account, principal, rule, reason, ExceptionFileParser.ParseExpiry(expires)!.Value.ExpiresAt, expires, 1);

    private static AuditReport Apply(params ExceptionEntry[] entries) =>
        ExceptionMatcher.Apply(TestData.SampleReport(), new ExceptionList("exceptions.yaml", entries));

    [Theory]
    [InlineData("bob", "bob", true)]
    [InlineData("BOB", "bob", true)] // IAM user names are case-insensitive
    [InlineData("b?b", "bob", true)]
    [InlineData("ci-*", "ci-deployer", true)]
    [InlineData("*", "anything", true)]
    [InlineData("*-agent", "backup-agent", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("bo", "bob", false)]
    [InlineData("b?", "bob", false)]
    [InlineData("svc,*", "svc,reporting", true)]
    public void Glob_matching(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, GlobPattern.Matches(pattern, text, ignoreCase: true));
    }

    [Fact]
    public void A_matching_fail_becomes_muted_with_the_reason()
    {
        var report = Apply(Entry("bob", reason: "TICKET-1: app migrates next sprint"));
        var bob = report.Findings.Single(f => f.Principal == "bob");
        Assert.Equal(FindingStatus.Muted, bob.Status);
        Assert.Equal("TICKET-1: app migrates next sprint", bob.MuteReason);
        Assert.NotNull(bob.Decision); // the evidence stays
        Assert.Equal(7, report.Summary.Fail);
        Assert.Equal(1, report.Summary.Muted);
        var outcome = Assert.Single(report.Exceptions!);
        Assert.False(outcome.Expired);
        Assert.Equal(1, outcome.Matched);
    }

    [Fact]
    public void Globs_mute_every_matching_fail_and_never_a_pass()
    {
        var report = Apply(Entry("*"));
        Assert.Equal(0, report.Summary.Fail);
        Assert.Equal(8, report.Summary.Muted);
        Assert.Equal(8, report.Summary.Pass);
        Assert.Equal(8, report.Exceptions![0].Matched);
    }

    [Fact]
    public void An_expired_entry_no_longer_mutes_and_is_reported_as_expired()
    {
        // The sample is audited as of 2026-11-28T09:00Z: a date covers its whole day, so the 27th has expired and the 28th has not.
        var expired = Apply(Entry("bob", expires: "2026-11-27"));
        Assert.Equal(FindingStatus.Fail, expired.Findings.Single(f => f.Principal == "bob").Status);
        Assert.True(expired.Exceptions![0].Expired);
        Assert.Equal(1, expired.Exceptions[0].Matched);

        Assert.False(Apply(Entry("bob", expires: "2026-11-28")).Exceptions![0].Expired);
        Assert.True(Apply(Entry("bob", expires: "2026-11-28T09:00:00Z")).Exceptions![0].Expired);
        Assert.False(Apply(Entry("bob", expires: "2026-11-28T09:00:01Z")).Exceptions![0].Expired);
    }

    [Fact]
    public void The_first_unexpired_match_mutes()
    {
        var report = Apply(Entry("bob", expires: "2020-01-01", reason: "old"), Entry("b*", reason: "second"), Entry("bob", reason: "third"));
        Assert.Equal("second", report.Findings.Single(f => f.Principal == "bob").MuteReason);
        Assert.Equal([1, 1, 1], report.Exceptions!.Select(o => o.Matched));
    }

    [Theory]
    [InlineData("111122223333", true)]
    [InlineData("1111*", true)]
    [InlineData("999999999999", false)]
    public void Account_restricts_the_match(string account, bool mutes)
    {
        var report = Apply(Entry("bob", account: account));
        Assert.Equal(mutes ? FindingStatus.Muted : FindingStatus.Fail, report.Findings.Single(f => f.Principal == "bob").Status);
    }

    [Fact]
    public void An_arn_pattern_matches_the_principal_arn()
    {
        var report = Apply(Entry("arn:aws:iam::111122223333:user/ci-*"));
        Assert.Equal(FindingStatus.Muted, report.Findings.Single(f => f.Principal == "ci-deployer").Status);
        Assert.Equal(1, report.Summary.Muted);
    }

    [Fact]
    public void Warn_is_muted_too_but_an_error_never_is()
    {
        var everything = Reports.ReportFixtures.EveryStatus(); // already has svc-* applied
        var report = ExceptionMatcher.Apply(everything, new ExceptionList("x", [Entry("*")]));
        Assert.Equal(FindingStatus.Muted, report.Findings.Single(f => f.Principal == "rotating").Status);
        Assert.Equal(FindingStatus.Error, report.Findings.Single(f => f.Principal == "broken").Status);
        Assert.Equal(FindingStatus.Pass, report.Findings.Single(f => f.Principal == "alice").Status);
    }

    [Fact]
    public void A_rule_that_is_not_the_findings_rule_does_not_match()
    {
        var report = Apply(Entry("bob", rule: "some-other-rule"));
        Assert.Equal(FindingStatus.Fail, report.Findings.Single(f => f.Principal == "bob").Status);
    }
}
