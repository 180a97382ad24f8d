using System.Text.Json;
using System.Text.RegularExpressions;
using System.Net;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules;
using KeyWarden.Inventory;
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

    private static (string Kind, string Text) Banner(string html)
    {
        var m = Regex.Match(html, "<div id=\"verdict\" class=\"verdict (\\w+)\" data-verdict=\"(\\w+)\" role=\"status\"><div class=\"inner\"><strong>(.*?)</strong>");
        Assert.True(m.Success, "the page has a verdict banner");
        Assert.Equal(m.Groups[1].Value, m.Groups[2].Value);
        return (m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value));
    }

    [Fact]
    public void The_verdict_is_pass_only_when_nothing_fails_and_everything_was_evaluated()
    {
        var source = new SourceInfo("111122223333", "aws", SourceKind.Live, TestData.AsOf);
        var alice = new PrincipalKeys("alice", "arn:aws:iam::111122223333:user/alice", false,
            [new AccessKey("AKIAALICE00000000001", null, KeyStatus.Active, TestData.AsOf.AddDays(-10), TestData.AsOf.AddDays(-1), "s3", "us-east-1") { LastUsedSource = LastUseSource.Live }]);
        var report = Auditor.Audit([new AccountInventory(source, [alice])], new AuditParameters(), TestData.AsOf, TestData.GeneratedAt);
        Assert.Equal(0, report.Summary.Fail + report.Summary.Error);

        Assert.Equal(("pass", "Pass"), Banner(Render(report)));
    }

    [Fact]
    public void The_verdict_counts_failing_findings_and_their_principals()
    {
        var report = ReportFixtures.Family();
        var principals = report.Findings.Where(f => f.Status == FindingStatus.Fail).Select(f => f.Principal).Distinct().Count();
        Assert.Equal(0, report.Summary.Error);
        Assert.True(report.Summary.Fail > principals, "several rules fail for the same principals");

        Assert.Equal(("fail", $"{report.Summary.Fail} failing ({principals} principals)"), Banner(Render(report)));
    }

    [Fact]
    public void An_error_finding_makes_the_verdict_could_not_evaluate_even_with_failures()
    {
        var report = ReportFixtures.EveryStatus();
        Assert.True(report.Summary.Error > 0 && report.Summary.Fail > 0);

        var (kind, text) = Banner(Render(report));
        Assert.Equal("error", kind);
        Assert.Equal($"Could not evaluate: {report.Summary.Error} finding could not be evaluated; {report.Summary.Fail} failing (1 principal). This is not a pass.", text);
    }

    [Fact]
    public void An_unread_account_makes_the_verdict_could_not_evaluate_though_every_finding_passes()
    {
        var report = ReportFixtures.WithUnreadableAccounts();
        Assert.Equal(report.Summary.Findings, report.Summary.Pass);

        Assert.Equal(("error", "Could not evaluate: 2 accounts not read. This is not a pass."), Banner(Render(report)));
    }

    [Fact]
    public void The_header_names_the_family_and_the_benchmark_not_one_rule()
    {
        var html = Render(TestData.SampleReport(new AuditParameters(Benchmark: "cis-6.0")));
        var header = Regex.Match(html, "<header class=\"page\">(.*?)</header>", RegexOptions.Singleline).Groups[1].Value;

        Assert.Contains("4 rules · benchmark cis-6.0 (v6.0.0)", header);
        Assert.DoesNotContain("Ensure there is only one active access key", header);
    }

    [Fact]
    public void The_per_rule_summary_has_one_row_per_rule_with_the_report_counts()
    {
        var report = ReportFixtures.Family();
        var html = Render(report);
        var table = Regex.Match(html, "<table id=\"rule-summary\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(table, "<tr data-rule=\"([a-z-]+)\">(.*?)</tr>", RegexOptions.Singleline).ToList();

        Assert.Equal(report.Rules.Ids.ToList(), rows.Select(r => r.Groups[1].Value).ToList());
        Assert.Equal(4, rows.Count);
        foreach (var (ruleId, summary) in AuditSummary.ByRule(report.Findings, report.Rules.Ids))
        {
            var row = rows.Single(r => r.Groups[1].Value == ruleId).Groups[2].Value;
            var counts = Regex.Matches(row, "data-count=\"([A-Z]+)\">(\\d+)</td>").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new Dictionary<string, int> { ["FAIL"] = summary.Fail, ["WARN"] = summary.Warn, ["ERROR"] = summary.Error, ["MUTED"] = summary.Muted, ["PASS"] = summary.Pass }, counts);
            Assert.Contains($"href=\"#rule-{ruleId}\"", row);
            Assert.Contains(WebUtility.HtmlEncode(RuleRegistry.Metadata(ruleId)!.Title), row);
        }

        // Every rule fails somewhere in this fixture, so the counts are not trivially zero.
        Assert.All(AuditSummary.ByRule(report.Findings, report.Rules.Ids), x => Assert.True(x.Summary.Fail > 0, x.RuleId));
        Assert.Contains("1.13 (v1.3.0–v4.0.1), 1.12 (v5.0.0), 2.12 (v6.0.0)", table);
    }

    [Fact]
    public void A_benchmark_without_the_rule_says_not_in_it_and_its_section_carries_the_cis_note()
    {
        var report = TestData.SampleReport(new AuditParameters(Rules: [.. RuleRegistry.Ids], Benchmark: "cis-7.0"));
        var html = Render(report);
        var row = Regex.Match(html, "<tr data-rule=\"iam-single-active-access-key\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("not in v7.0.0", row);
        Assert.Contains("<td>2.12 (v7.0.0)</td>", Regex.Match(html, "<tr data-rule=\"iam-access-key-rotation\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value);

        var section = RuleSection(html, "iam-single-active-access-key");
        Assert.Contains(WebUtility.HtmlEncode(RuleRegistry.Metadata("iam-single-active-access-key")!.CisNote!), section);
        Assert.Contains("not a recommendation of the selected benchmark", section);
    }

    private static string RuleSection(string html, string ruleId)
    {
        var m = Regex.Match(html, $"<section class=\"rule\" id=\"rule-{ruleId}\" data-rule=\"{ruleId}\">(.*?)\n</section>\n", RegexOptions.Singleline);
        Assert.True(m.Success, $"a section for {ruleId}");
        return m.Groups[1].Value;
    }

    [Fact]
    public void Each_rule_has_a_section_with_its_metadata_and_exactly_its_non_passing_findings()
    {
        var report = ReportFixtures.Family();
        var html = Render(report);
        Assert.DoesNotContain("<section id=\"rule\">", html);
        foreach (var rule in report.Rules.Metadata)
        {
            var section = RuleSection(html, rule.Id);
            Assert.Contains(WebUtility.HtmlEncode(rule.Title), section);
            Assert.Contains($"severity {rule.Severity}", section);
            Assert.Contains(WebUtility.HtmlEncode(rule.Risk), section);
            Assert.Contains(WebUtility.HtmlEncode(rule.Remediation), section);
            Assert.Contains(rule.DocPath, section);
            Assert.Contains(rule.References[0], section);
            var articles = Regex.Matches(section, "<article class=\"finding (\\w+)\" id=\"finding-\\d+\" data-rule=\"([a-z-]+)\">").ToList();
            Assert.All(articles, a => Assert.Equal(rule.Id, a.Groups[2].Value));
            Assert.Equal(report.Findings.Count(f => f.RuleId == rule.Id && f.Status is not (FindingStatus.Pass or FindingStatus.Error)), articles.Count);
        }
    }

    [Fact]
    public void The_findings_table_labels_each_row_with_its_rule_and_key_and_offers_a_rule_filter()
    {
        var report = ReportFixtures.Family();
        var html = Render(report);
        var rows = Regex.Matches(html, "<tr data-status=\"[A-Z]+\" data-rule=\"([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(report.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        foreach (var id in report.Rules.Ids)
        {
            Assert.Contains($"<option value=\"{id}\">{id}</option>", html);
        }

        Assert.Contains("<div class=\"small finding-key\">key <code>AKIADAVE000000000001</code></div>", html);
    }

    /// <summary>The copy blocks of the page: (the key it deactivates or null, the command as a shell would read it).</summary>
    private static List<(string? Key, string Command)> Commands(string html) =>
        Regex.Matches(html, "<div class=\"command\"(?: data-key=\"([A-Z0-9]+)\")?><pre><code>(.*?)</code></pre><button type=\"button\" class=\"copy no-print\">Copy</button></div>")
            .Select(m => (m.Groups[1].Success ? m.Groups[1].Value : null, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    [Fact]
    public void Failing_keys_get_the_exact_deactivate_and_confirm_commands_quoted_for_the_shell_and_escaped_for_html()
    {
        var html = Render(ReportFixtures.Family());
        var commands = Commands(html);
        const string hostile = "'o'\\''brien; rm -rf ~ $(id) <b>&'";

        var deactivations = commands.Where(c => c.Key is not null).Select(c => c.Command).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                $"aws iam update-access-key --user-name {hostile} --access-key-id AKIAHOSTILE000000001 --status Inactive", // keeper decision
                $"aws iam update-access-key --user-name {hostile} --access-key-id AKIAHOSTILE000000001 --status Inactive", // unused 150 days
                "aws iam update-access-key --user-name carol --access-key-id AKIACAROL00000000001 --status Inactive",
                "aws iam update-access-key --user-name carol --access-key-id AKIACAROL00000000001 --status Inactive",
                "aws iam update-access-key --user-name dave --access-key-id AKIADAVE000000000001 --status Inactive",
                "aws iam update-access-key --user-name=-dash --access-key-id AKIADASH000000000001 --status Inactive",
            ],
            deactivations);
        // One confirmation after each finding's deactivations.
        Assert.Equal(deactivations.Count, commands.Count(c => c.Key is null));
        Assert.Contains(commands, c => c.Command == $"aws iam list-access-keys --user-name {hostile}");
        Assert.Contains(commands, c => c.Command == "aws iam list-access-keys --user-name=-dash");
        // Root: its remediation, never a CLI deactivation; rotation FAILs neither.
        Assert.DoesNotContain(commands, c => c.Command.Contains("AKIAROOT", StringComparison.Ordinal) || c.Command.Contains("root", StringComparison.Ordinal));
        Assert.Contains(WebUtility.HtmlEncode(RuleRegistry.Metadata("iam-root-access-key")!.Remediation), RuleSection(html, "iam-root-access-key"));
        Assert.DoesNotContain("<div class=\"command\"", RuleSection(html, "iam-access-key-rotation"));
        // The hostile name never reaches the page unescaped.
        Assert.DoesNotContain("<b>&", html);
        Assert.Contains("&#39;o&#39;\\&#39;&#39;brien; rm -rf ~ $(id) &lt;b&gt;&amp;&#39;", html);
    }

    [Fact]
    public void A_credential_report_key_without_an_id_gets_list_access_keys_to_find_it()
    {
        var html = Render(TestData.SampleReport(new AuditParameters()));
        var commands = Commands(html);

        Assert.NotEmpty(commands);
        Assert.DoesNotContain(commands, c => c.Key is not null || c.Command.Contains("update-access-key", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.StartsWith("aws iam list-access-keys --user-name ", c.Command, StringComparison.Ordinal));
        Assert.Contains("its key id is not in the credential report", html);
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("svc+ci=x,y.z@corp-1_", "svc+ci=x,y.z@corp-1_")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a b", "'a b'")]
    [InlineData("$(id)", "'$(id)'")]
    [InlineData("", "''")]
    public void Shell_quoting_leaves_iam_names_bare_and_single_quotes_anything_else(string value, string expected)
    {
        Assert.Equal(expected, KeyWarden.Reports.Html.ShellCommand.Quote(value));
    }

    [Fact]
    public void Every_timestamp_on_the_page_has_the_one_iso_8601_utc_format()
    {
        foreach (var report in new[] { ReportFixtures.Family(), ReportFixtures.EveryStatus(), ReportFixtures.Fleet(), TestData.SampleReport(new AuditParameters()) })
        {
            var html = Render(report);
            // What a person sees: the page without its embedded data, script and style.
            var visible = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", string.Empty, RegexOptions.Singleline);
            var stamps = Regex.Matches(visible, @"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?").Select(m => m.Value).ToList();
            var times = stamps.Where(s => s.Length > 10).ToList();

            Assert.NotEmpty(times);
            Assert.All(times, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", t));
            // A date alone is a date (an exception's expiry as written, a decision's "last used" day), never a time in another format.
            Assert.DoesNotMatch(@"\d{1,2}:\d{2} ?UTC", visible);
            Assert.Contains(Timestamps.Format(report.AsOf), visible);
        }
    }

    [Fact]
    public void Could_not_evaluate_findings_are_listed_under_their_rule_and_a_needs_review_decision_says_so_above_its_commands()
    {
        var html = Render(ReportFixtures.EveryStatus());
        var section = RuleSection(html, "iam-single-active-access-key");
        Assert.Matches("<h4>Could not evaluate</h4>\n<ul><li id=\"finding-\\d+\"><strong>broken</strong> <span class=\"small\">111122223333</span>: could not evaluate: AccessDenied on ListAccessKeys</li>", section);

        var sample = Render(TestData.SampleReport());
        var dave = Regex.Match(sample, "<article class=\"finding FAIL\" id=\"finding-\\d+\" data-rule=\"iam-single-active-access-key\">\n<header><h3>dave</h3>.*?</article>", RegexOptions.Singleline).Value;
        Assert.Contains("<p class=\"review\"><strong>Needs review first:</strong> more than one key is in use", dave);
        Assert.True(dave.IndexOf("Needs review first", StringComparison.Ordinal) < dave.IndexOf("<div class=\"command\"", StringComparison.Ordinal));
    }
}
