using System.Xml.Linq;
using KeyWarden.Audit;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

public class JUnitReportWriterTests
{
    private static string Render(AuditReport report) => ReportFixtures.Render(new JUnitReportWriter(TestData.Tool), report);

    private static int Attr(XElement element, string name) => int.Parse(element.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.junit.xml", Render(TestData.SampleReport()));
    }

    [Fact]
    public void Sample_counts_one_case_per_principal_and_a_failure_per_fail()
    {
        var doc = XDocument.Parse(Render(TestData.SampleReport()));
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        Assert.Equal("111122223333", suite.Attribute("name")!.Value);
        Assert.Equal(16, Attr(suite, "tests"));
        Assert.Equal(8, Attr(suite, "failures"));
        Assert.Equal(0, Attr(suite, "errors"));
        Assert.Equal(16, suite.Elements("testcase").Count());
        Assert.Equal(8, suite.Elements("testcase").Count(c => c.Element("failure") is not null));
        Assert.Equal(16, Attr(doc.Root!, "tests"));
        Assert.Equal(8, Attr(doc.Root!, "failures"));
        Assert.Equal("credential-report-file", suite.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == "sourceKind").Attribute("value")!.Value);
    }

    [Fact]
    public void Every_rules_findings_are_cases_labelled_by_rule_and_key()
    {
        var report = TestData.SampleReport(new AuditParameters());
        var doc = XDocument.Parse(Render(report));
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToList();

        Assert.Equal(report.Findings.Count, cases.Count);
        Assert.Equal($"keywarden {string.Join(",", report.Rules.Ids)}", doc.Root!.Attribute("name")!.Value);
        foreach (var ruleId in report.Rules.Ids)
        {
            var findings = report.Findings.Where(f => f.RuleId == ruleId).ToList();
            var ofRule = cases.Where(c => c.Attribute("classname")!.Value == $"{ruleId}.111122223333").ToList();
            Assert.Equal(findings.Count, ofRule.Count);
            Assert.Equal(findings.Count(f => f.Status == FindingStatus.Fail), ofRule.Count(c => c.Element("failure") is not null));
            Assert.Equal(
                findings.Select(f => f.Key is null ? f.Principal : $"{f.Principal} {f.Key}").Order(StringComparer.Ordinal),
                ofRule.Select(c => c.Attribute("name")!.Value).Order(StringComparer.Ordinal));
        }

        // A case is unique by classname and name, even for a user with two failing keys of one rule.
        Assert.Equal(cases.Count, cases.Select(c => (c.Attribute("classname")!.Value, c.Attribute("name")!.Value)).Distinct().Count());
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.Equal(string.Join(",", report.Rules.Ids), properties["rules"]);
        Assert.Contains("2.4", properties["cis.iam-root-access-key"], StringComparison.Ordinal);
        Assert.False(properties.ContainsKey("cis"));
    }

    [Fact]
    public void A_fleet_has_a_suite_per_account_unread_ones_erroring_and_skipped_ones_skipped()
    {
        var doc = XDocument.Parse(Render(ReportFixtures.Fleet()));
        var suites = doc.Root!.Elements("testsuite").ToDictionary(s => s.Attribute("name")!.Value);

        Assert.Equal(["111122223333", "222233334444", "444455556666", "777788889999"], suites.Keys.Order());
        Assert.Equal(1, Attr(suites["111122223333"], "failures"));
        Assert.Equal(1, Attr(suites["444455556666"], "errors"));
        Assert.Equal(1, Attr(suites["777788889999"], "errors"));
        var skipped = Assert.Single(suites["222233334444"].Elements("testcase"));
        Assert.Equal("(account skipped)", skipped.Attribute("name")!.Value);
        Assert.Equal("skipped: state SUSPENDED", skipped.Element("skipped")!.Attribute("message")!.Value);
        Assert.Equal(1, Attr(suites["222233334444"], "skipped"));
    }

    [Fact]
    public void Every_status_maps_to_its_junit_element_with_escaped_names()
    {
        var xml = Render(ReportFixtures.EveryStatus());
        var doc = XDocument.Parse(xml); // parses: the script name and quotes are escaped
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);

        Assert.Equal((5, 1, 1, 1), (Attr(suite, "tests"), Attr(suite, "failures"), Attr(suite, "errors"), Attr(suite, "skipped")));
        Assert.Empty(cases["alice"].Elements());
        Assert.NotNull(cases[ReportFixtures.ScriptName].Element("failure"));
        Assert.Contains("forgotten-key", cases[ReportFixtures.ScriptName].Element("failure")!.Attribute("type")!.Value);
        Assert.Contains("AccessDenied", cases["broken"].Element("error")!.Attribute("message")!.Value);
        Assert.Contains("TICKET-42", cases["svc-legacy"].Element("skipped")!.Attribute("message")!.Value);
        Assert.Null(cases["rotating"].Element("failure"));
        Assert.Contains("rotation-in-progress", cases["rotating"].Element("system-out")!.Value);
        Assert.DoesNotContain("<script>", xml);
    }

    [Fact]
    public void An_account_that_could_not_be_read_is_an_error_case()
    {
        var source = new SourceInfo("444455556666", "aws", SourceKind.Live, null, Error: "AccessDenied: not authorized to perform iam:GenerateCredentialReport");
        var report = Auditor.Audit([new AccountInventory(source, [])], TestData.SingleRule, TestData.AsOf, TestData.GeneratedAt);
        var suite = Assert.Single(XDocument.Parse(Render(report)).Root!.Elements("testsuite"));
        Assert.Equal(1, Attr(suite, "errors"));
        Assert.Contains("iam:GenerateCredentialReport", suite.Element("testcase")!.Element("error")!.Attribute("message")!.Value);
    }
}
