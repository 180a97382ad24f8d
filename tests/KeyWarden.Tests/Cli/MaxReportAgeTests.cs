using KeyWarden.Cli.Settings;

namespace KeyWarden.Tests.Cli;

public sealed class MaxReportAgeTests
{
    [Theory]
    [InlineData("4", 4 * 3600)]
    [InlineData("0.5", 1800)]
    [InlineData("4h", 4 * 3600)]
    [InlineData("30m", 1800)]
    [InlineData("90s", 90)]
    [InlineData("1d", 86400)]
    [InlineData("2H", 7200)]
    [InlineData("0", 0)]
    public void Hours_or_a_duration_with_a_unit(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AuditInputSettings.ParseReportAge(text));

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("4x")]
    [InlineData("-1h")]
    [InlineData("four")]
    [InlineData("366d")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    public void Anything_else_is_not_an_age(string text) => Assert.Null(AuditInputSettings.ParseReportAge(text));

    [Fact]
    public void A_bad_age_is_a_validation_error_naming_the_option()
    {
        var result = new AuditInputSettings { MaxReportAge = "soon" }.Validate();

        Assert.False(result.Successful);
        Assert.Contains("--max-report-age", result.Message);
    }

    [Fact]
    public void Evidence_takes_needed_or_all()
    {
        Assert.Contains("--evidence", new AuditInputSettings { Evidence = "some" }.Validate().Message);
        Assert.Equal(KeyWarden.Inventory.LastUseEvidence.All, new AuditInputSettings { Evidence = "all" }.LastUseEvidence);
        Assert.Equal(KeyWarden.Inventory.LastUseEvidence.Needed, new AuditInputSettings().LastUseEvidence);
    }
}
