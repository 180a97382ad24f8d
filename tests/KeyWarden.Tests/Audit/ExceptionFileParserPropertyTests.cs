using CsCheck;
using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Tests.Properties;

namespace KeyWarden.Tests.Audit;

/// <summary>
/// Generated malformed exceptions files, a fixed budget from a fixed seed: every input is either read (and then
/// applied to an audit) or refused with a one-line <see cref="ExceptionFileException"/> naming the file; never another
/// exception, never a stack overflow.
/// </summary>
public sealed class ExceptionFileParserPropertyTests
{
    private const string YamlSpecials = "-:[]{}&*!\"'#|>?%@`,\n \t\r\0\\~";

    private static readonly string[] Rules = ["iam-single-active-access-key"];

    private static readonly string[] Samples =
    [
        """
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
        """,
        "exceptions: [{principal: \"arn:aws:iam::*:user/bob\", reason: 'x', expires: 9999-12-31}, {principal: eve, reason: |\n    multi\n    line\n  , expires: 2026-01-01}]\n",
        "exceptions:\n- principal: \"*\"\n  reason: >\n    folded\n    text\n  expires: 2026-11-28T09:00:00Z\n",
    ];

    private static readonly AuditReport Report = TestData.SampleReport();

    private static void ReadsOrRefusesCleanly(string text)
    {
        ExceptionList list;
        try
        {
            list = ExceptionFileParser.Parse(text, "exceptions.yaml", Rules);
        }
        catch (ExceptionFileException e)
        {
            Assert.StartsWith("exceptions.yaml: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.DoesNotContain('\r', e.Message);
            return;
        }

        var muted = ExceptionMatcher.Apply(Report, list);
        Assert.Equal(Report.Findings.Count, muted.Findings.Count);
    }

    [Fact]
    public void Mutated_files_read_or_fail_with_a_one_line_error() =>
        DeterministicProperty.Check(InputMutations.Mutated(Samples, YamlSpecials), ReadsOrRefusesCleanly, cases: 2000, seed: 20261202);

    [Fact]
    public void Random_text_reads_or_fails_with_a_one_line_error() =>
        DeterministicProperty.Check(InputMutations.RandomText(YamlSpecials), ReadsOrRefusesCleanly, cases: 3000, seed: 11);

    [Fact]
    public void Random_entries_read_or_fail_with_a_one_line_error() =>
        DeterministicProperty.Check(
            InputMutations.RandomText(YamlSpecials + "principalreasonexpiresaccountrule2027-01-31").Select(body => "exceptions:\n  - " + body),
            ReadsOrRefusesCleanly, cases: 3000, seed: 12);
}
