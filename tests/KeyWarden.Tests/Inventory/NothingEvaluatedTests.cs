using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

public sealed class NothingEvaluatedTests
{
    private static readonly SourceInfo Source = new("111122223333", "aws", SourceKind.CredentialReport, TestData.AsOf);
    private static readonly PrincipalKeys Root = new(PrincipalKeys.RootName, "arn:aws:iam::111122223333:root", true, []);
    private static readonly PrincipalKeys Alice = new("alice", "arn:aws:iam::111122223333:user/alice", false, []);

    private static ParsedCredentialReport Report(params PrincipalKeys[] principals) => new(principals, "111122223333", "aws", TestData.AsOf);

    [Fact]
    public void Zero_principals_is_a_source_error()
    {
        var checkedInventory = NothingEvaluated.RequirePrincipals(new AccountInventory(Source, []), "the report has no rows");

        Assert.Equal("nothing to evaluate: the report has no rows; an audit that evaluated nothing is not a pass", checkedInventory.Source.Error);
    }

    [Fact]
    public void An_earlier_error_is_kept_not_replaced()
    {
        var failed = new AccountInventory(Source with { Error = "AccessDenied: x" }, []);

        Assert.Equal("AccessDenied: x", NothingEvaluated.RequirePrincipals(failed, "empty").Source.Error);
    }

    [Fact]
    public void A_report_from_aws_without_the_root_row_is_an_error()
    {
        var report = Report(Alice);

        var result = NothingEvaluated.RequireRootRow(new AccountInventory(Source, report.Principals), report, "the credential report of account 111122223333", rootRowRequired: true);

        Assert.StartsWith("the credential report of account 111122223333 has no <root_account> row, which IAM always writes", result.Source.Error);
        Assert.Single(result.Principals);
    }

    [Fact]
    public void A_report_from_an_emulator_endpoint_without_the_root_row_gets_a_note()
    {
        var report = Report(Alice);

        var result = NothingEvaluated.RequireRootRow(new AccountInventory(Source, report.Principals), report, "the credential report", rootRowRequired: false);

        Assert.Null(result.Source.Error);
        Assert.Contains(result.Source.Notes!, n => n.Contains("has no <root_account> row (emulators such as moto omit it)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_with_the_root_row_is_left_alone()
    {
        var report = Report(Root, Alice);

        var result = NothingEvaluated.RequireRootRow(new AccountInventory(Source, report.Principals), report, "r", rootRowRequired: true);

        Assert.Equal(Source, result.Source);
    }
}
