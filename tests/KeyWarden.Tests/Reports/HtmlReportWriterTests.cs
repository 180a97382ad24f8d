using System.Text.Json;
using System.Text.RegularExpressions;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

public class HtmlReportWriterTests
{
    private static string Render(AuditReport report) => ReportFixtures.Render(new HtmlReportWriter(TestData.Tool), report);

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.html", Render(TestData.SampleReport()));
    }

    [Fact]
    public void A_script_user_name_is_escaped_everywhere()
    {
        var html = Render(ReportFixtures.EveryStatus());
        Assert.DoesNotContain(ReportFixtures.ScriptName, html);
        Assert.DoesNotContain(ReportFixtures.QuoteName, html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        // Exactly the two script blocks the writer emits: the JSON data block and the page script.
        Assert.Equal(2, Regex.Matches(html, "<script").Count);
    }

    [Fact]
    public void The_embedded_json_is_the_report_contract_and_cannot_close_its_block()
    {
        var html = Render(ReportFixtures.EveryStatus());
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"keywarden-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success);
        Assert.DoesNotContain("<", match.Groups[1].Value);
        using var doc = JsonDocument.Parse(match.Groups[1].Value);
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("principal").GetString() == ReportFixtures.ScriptName);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("muted").GetInt32());
    }

    [Fact]
    public void A_fleet_report_lists_every_account_in_its_one_state_unread_ones_first()
    {
        var html = Render(ReportFixtures.Fleet());
        var table = Regex.Match(html, "<section id=\"accounts\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(table.Success);
        var rows = Regex.Matches(table.Groups[1].Value, "<tr class=\"account-([a-z-]+)\"><td class=\"id\">(\\d{12})</td>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(
            [("access-denied", "444455556666"), ("throttled", "777788889999"), ("ok", "111122223333"), ("skipped", "222233334444")],
            rows);
        Assert.Contains("4 account(s): 1 ok, 1 access-denied, 1 throttled, 1 skipped", table.Groups[1].Value);
        Assert.Contains("prod &lt;main&gt;", table.Groups[1].Value);
        Assert.Contains("state SUSPENDED", table.Groups[1].Value);
        // The failing count of the read account: bob has two active keys.
        Assert.Matches("<td class=\"id\">111122223333</td>.*?<td class=\"num\">1</td><td class=\"num\">1</td>", table.Groups[1].Value);
    }

    [Fact]
    public void A_single_account_report_has_no_accounts_table()
    {
        Assert.DoesNotContain("id=\"accounts\"", Render(TestData.SampleReport()));
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = Render(TestData.SampleReport());
        Assert.Contains("Content-Security-Policy", html);
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", Regex.Replace(html, "<a href=\"https://[^\"]+\">", string.Empty));
        Assert.DoesNotContain("<link rel=\"stylesheet\"", html);
    }

    [Fact]
    public void The_page_shows_the_evidence_the_rule_and_the_counts()
    {
        var html = Render(TestData.SampleReport());
        Assert.Contains("id=\"count-FAIL\">8<", html);
        Assert.Contains("id=\"count-PASS\">8<", html);
        Assert.Contains("id=\"age-chart\"", html);
        Assert.Contains("id=\"max-age-line\"", html);
        Assert.Contains("90 days", html);
        Assert.Contains("credential-report-file", html);
        Assert.Contains("2.12 (v6.0.0)", html);
        Assert.Contains("aws iam update-access-key", html);
        Assert.Contains("@media print", html);
        Assert.Contains("rotate kept key", html);
        Assert.Contains("eu-west-1", html); // bob's old key was last used there
    }

    [Fact]
    public void Muted_findings_show_the_exception_reason()
    {
        var html = Render(ReportFixtures.EveryStatus());
        Assert.Contains("Muted by exception:</strong> Legacy batch job", html);
        Assert.Contains("id=\"exceptions\"", html);
    }
}
