using System.Globalization;
using System.Text;
using System.Xml;
using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// JUnit XML for CI dashboards: one &lt;testsuite&gt; per account, one &lt;testcase&gt; per finding (a principal, and
/// for a key-level rule a key: "bob AKIA…"), its classname "&lt;ruleId&gt;.&lt;account&gt;" so dashboards group by rule;
/// FAIL is a &lt;failure&gt;, ERROR an &lt;error&gt;, MUTED &lt;skipped&gt; with the exception's reason, WARN a
/// passing case with the details in &lt;system-out&gt;. An account that could not be read is a suite with one
/// &lt;error&gt; case, so a dashboard never shows it as green.
/// </summary>
public sealed class JUnitReportWriter(ToolInfo tool) : IReportWriter
{
    public string Format => "junit";

    public string FileExtension => "junit.xml";

    public void Write(AuditReport report, TextWriter output)
    {
        var suites = Suites(report);
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", CloseOutput = false };
        // Straight to the output; the declaration names the file's encoding (UTF-8) whatever writer is underneath.
        using (var xml = XmlWriter.Create(new Utf8DeclaringWriter(output), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", $"{tool.Name} {string.Join(",", report.Rules.Ids)}");
            WriteCounts(xml, suites.SelectMany(s => s.Kinds).ToList());
            xml.WriteAttributeString("time", "0");
            xml.WriteAttributeString("timestamp", Timestamps.Format(report.AsOf));

            foreach (var suite in suites)
            {
                WriteSuite(xml, suite, report);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        output.Write('\n');
    }

    /// <summary>Passes text through and says UTF-8, which is what XmlWriter writes in the declaration.</summary>
    private sealed class Utf8DeclaringWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding { get; } = new UTF8Encoding(false);

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);

        public override void Flush() => inner.Flush();
    }

    private sealed record Case(string Name, string ClassName, string? Kind, string? Message, string? Type, string Body)
    {
        public static string? KindOf(Finding finding) => finding.Status switch
        {
            FindingStatus.Fail => "failure",
            FindingStatus.Error => "error",
            FindingStatus.Muted => "skipped",
            FindingStatus.Warn => "warn",
            _ => null,
        };

        public static Case From(Finding finding)
        {
            var kind = KindOf(finding);
            var message = finding.Status == FindingStatus.Muted ? $"muted: {finding.MuteReason}" : finding.Message;
            var type = finding.Classification?.ToContractName() ?? (kind == "error" ? "could-not-evaluate" : null);
            var name = finding.Key is { } key ? $"{finding.Principal} {key}" : finding.Principal;
            return new Case(name, $"{finding.RuleId}.{finding.AccountId ?? "unknown-account"}", kind, message, type, Details(finding));
        }
    }

    /// <summary>A suite's cases are made while it is written (<see cref="Cases"/> is lazy); only their kinds are kept, for the counts.</summary>
    private sealed record Suite(string Name, SourceInfo? Source, Case? AccountError, IReadOnlyList<Finding> Findings)
    {
        public IEnumerable<string?> Kinds => (AccountError is null ? [] : new[] { AccountError.Kind }).Concat(Findings.Select(Case.KindOf));

        public IEnumerable<Case> Cases => (AccountError is null ? [] : new[] { AccountError }).Concat(Findings.Select(Case.From));
    }

    private List<Suite> Suites(AuditReport report)
    {
        var accounts = report.Sources.Select(s => s.AccountId)
            .Concat(report.Findings.Select(f => f.AccountId))
            .Distinct()
            .ToList();
        var byAccount = report.Findings.ToLookup(f => f.AccountId);
        // An account's own case (unread, skipped) is about no one rule: with one rule it keeps that rule's classname.
        var accountClass = report.Rules.Rules.Count == 1 ? report.Rules.Rules[0].Metadata.Id : tool.Name;
        string ClassName(string? account) => $"{accountClass}.{account ?? "unknown-account"}";
        return accounts.Select(account =>
        {
            var source = report.Sources.FirstOrDefault(s => s.AccountId == account);
            var accountError = source?.Error is { } error
                ? new Case("(account could not be read)", ClassName(account), "error", $"could not evaluate: {error}", "source-error", $"source: {source.Kind.ToContractName()}\nlocation: {source.Location}")
                : source?.EffectiveStatus == AccountStatus.Skipped
                    // Skipped on purpose (not ACTIVE, excluded): listed, so that a dashboard never silently loses an account.
                    ? new Case("(account skipped)", ClassName(account), "skipped", $"skipped: {string.Join("; ", source.Notes ?? [])}", "account-skipped", $"status: skipped\naccount name: {source.AccountName}")
                    : null;
            return new Suite(account ?? "unknown account", source, accountError, byAccount[account].ToList());
        }).ToList();
    }

    private void WriteSuite(XmlWriter xml, Suite suite, AuditReport report)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(suite.Name));
        WriteCounts(xml, suite.Kinds.ToList());
        xml.WriteAttributeString("time", "0");
        xml.WriteAttributeString("timestamp", Timestamps.Format(report.AsOf));

        xml.WriteStartElement("properties");
        Property(xml, "accountId", suite.Source?.AccountId);
        Property(xml, "partition", suite.Source?.Partition);
        Property(xml, "sourceKind", suite.Source?.Kind.ToContractName());
        Property(xml, "dataAsOf", Timestamps.Format(suite.Source?.DataAsOf));
        Property(xml, "location", suite.Source?.Location);
        Property(xml, "asOf", Timestamps.Format(report.AsOf));
        Property(xml, "maxKeyAgeDays", report.Parameters.MaxKeyAgeDays.ToString(CultureInfo.InvariantCulture));
        Property(xml, "inUseDays", report.Parameters.InUseDays.ToString(CultureInfo.InvariantCulture));
        Property(xml, "rotationGraceDays", report.Parameters.RotationGraceDays.ToString(CultureInfo.InvariantCulture));
        Property(xml, "treatRotationAsWarning", report.Parameters.TreatRotationAsWarning ? "true" : "false");
        Property(xml, "unusedDays", report.Parameters.UnusedDays.ToString(CultureInfo.InvariantCulture));
        Property(xml, "rules", string.Join(",", report.Rules.Ids));
        foreach (var rule in report.Rules.Metadata)
        {
            // One property per rule (the CIS ids shown for the run's benchmark); "cis" alone as before when one rule ran.
            Property(xml, report.Rules.Rules.Count == 1 ? "cis" : $"cis.{rule.Id}", string.Join(", ", ComplianceIds.Requirements(rule)));
        }

        Property(xml, "tool", $"{tool.Name} {tool.Version}");
        xml.WriteEndElement();

        foreach (var c in suite.Cases)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", Clean(c.Name));
            xml.WriteAttributeString("classname", Clean(c.ClassName));
            xml.WriteAttributeString("time", "0");
            switch (c.Kind)
            {
                case "failure" or "error" or "skipped":
                    xml.WriteStartElement(c.Kind);
                    if (c.Message is not null)
                    {
                        xml.WriteAttributeString("message", Clean(c.Message));
                    }

                    if (c.Type is not null)
                    {
                        xml.WriteAttributeString("type", Clean(c.Type));
                    }

                    if (c.Kind != "skipped")
                    {
                        xml.WriteString(Clean(c.Body));
                    }

                    xml.WriteEndElement();
                    if (c.Kind == "skipped")
                    {
                        xml.WriteElementString("system-out", Clean(c.Body));
                    }

                    break;
                case "warn":
                    xml.WriteElementString("system-out", Clean(c.Body));
                    break;
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyCollection<string?> kinds)
    {
        xml.WriteAttributeString("tests", kinds.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", kinds.Count(k => k == "failure").ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", kinds.Count(k => k == "error").ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", kinds.Count(k => k == "skipped").ToString(CultureInfo.InvariantCulture));
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry most control characters even escaped; replace them rather than fail the report.</summary>
    private static string Clean(string text) =>
        text.Any(ch => !XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            ? new string(text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '\uFFFD').ToArray())
            : text;

    private static string Details(Finding finding)
    {
        var lines = new List<string> { $"rule: {finding.RuleId}", $"status: {finding.Status.ToContractName()}", $"message: {finding.Message}" };
        if (finding.Key is { } key)
        {
            lines.Add($"key: {key}");
        }

        if (finding.Arn is { } arn)
        {
            lines.Add($"arn: {arn}");
        }

        if (finding.MuteReason is { } mute)
        {
            lines.Add($"muted: {mute}");
        }

        if (finding.Classification is { } classification)
        {
            lines.Add($"classification: {classification.ToContractName()}");
        }

        lines.AddRange(finding.Keys.Select(k => "key " + FindingText.Key(k, finding)));
        if (finding.Decision is { } d)
        {
            lines.Add($"keep: {d.Keep}; deactivate: {string.Join(", ", d.Deactivate)}; rotateKeeper: {(d.RotateKeeper ? "true" : "false")}; needsReview: {(d.NeedsReview ? "true" : "false")}");
            lines.AddRange(d.Reasons.Select(r => $"- {r}"));
        }

        return string.Join('\n', lines);
    }
}
