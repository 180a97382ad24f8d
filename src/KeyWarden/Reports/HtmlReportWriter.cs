using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules;
using KeyWarden.Inventory;
using KeyWarden.Reports.Html;
using static KeyWarden.Reports.Html.HtmlText;

namespace KeyWarden.Reports;

/// <summary>
/// One self-contained HTML page for people: a verdict banner, where the data came from and how old it is, a summary
/// with two inline SVG charts, a per-rule summary, a sortable findings table filterable by status and rule, and per
/// rule its CIS ids and manual remediation followed by its findings that are not a pass (the keys side by side with
/// the keeper decision, and for a FAIL the exact CLI commands to copy). Rendered server-side, every value
/// from the data HTML-escaped (user names are attacker-influenced); the JSON contract is embedded in a
/// non-executable data block. No network fetch: the Content-Security-Policy allows nothing but the inline assets.
/// </summary>
public sealed class HtmlReportWriter(ToolInfo tool) : IReportWriter
{
    private static readonly FindingStatus[] SummaryStatuses = [FindingStatus.Fail, FindingStatus.Warn, FindingStatus.Error, FindingStatus.Muted, FindingStatus.Pass];

    public string Format => "html";

    public string FileExtension => "html";

    public void Write(AuditReport report, TextWriter output)
    {
        var html = new StringBuilder();
        var rules = report.FindingRuleIds().Select(id => (Id: id, Rule: Shown(report, id))).ToList();
        var accounts = report.Sources.Select(s => s.AccountId ?? "unknown").Distinct().ToList();
        // Failing first, then the order the source listed the principals in.
        var ordered = FailuresFirst.Order(report.Findings);
        var anchors = ordered.Select((x, i) => (x.Finding, Anchor: $"finding-{i + 1}")).ToDictionary<(Finding Finding, string Anchor), Finding, string>(x => x.Finding, x => x.Anchor, ReferenceEqualityComparer.Instance);

        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlAssets.ContentSecurityPolicy}\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta name=\"generator\" content=\"{H(tool.Name)} {H(tool.Version)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>KeyWarden report — {H(string.Join(", ", accounts))} — {H(Time(report.AsOf))}</title>\n");
        html.Append("<style>").Append(HtmlAssets.Style).Append("</style>\n</head>\n<body>\n");

        Header(html, report, rules.Count);
        VerdictBanner(html, report);
        html.Append("<main>\n");
        Provenance(html, report);
        Summary(html, report);
        RuleSummary(html, report, rules);
        FindingsTable(html, rules, ordered, anchors, accounts.Count > 1, output);
        Exceptions(html, report);
        RuleSections(html, rules, ordered, anchors, output);
        html.Append(CultureInfo.InvariantCulture, $"<footer>Written by {H(tool.Name)} {H(tool.Version)} at {H(Time(report.GeneratedAt))}. Machine-readable data: the <code>keywarden-data</code> block in this file (the JSON report contract, docs/reports.md).</footer>\n");
        html.Append("</main>\n");

        html.Append("<script type=\"application/json\" id=\"keywarden-data\">");
        Drain(html, output, force: true);
        // Streamed like the JSON report, with the default encoder: it escapes <, so the data cannot close its block. A line
        // per token, not indented: never one line of the whole report, which the redacting writer would hold in memory.
        using (var json = new StreamingJson(output, indented: true, encoder: JavaScriptEncoder.Default, indentSize: 0))
        {
            JsonReportWriter.WriteDocument(report, tool, json);
        }

        html.Append("</script>\n");
        html.Append("<script>").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        Drain(html, output, force: true);
    }

    /// <summary>A rule as this run shows it (its benchmark's CIS ids); null for an id this tool does not know.</summary>
    private static RuleMetadata? Shown(AuditReport report, string ruleId) =>
        report.Rules.Contains(ruleId) || RuleRegistry.Metadata(ruleId) is not null ? report.Rules.Shown(ruleId) : null;

    /// <summary>
    /// Hands the page written so far to the output once it is 64 KiB (or at the end), so that a report of 100,000
    /// principals is never one string in memory. Called between rows and sections.
    /// </summary>
    private static void Drain(StringBuilder html, TextWriter output, bool force = false)
    {
        if (html.Length >= 64 * 1024 || (force && html.Length > 0))
        {
            output.Write(html);
            html.Clear();
        }
    }

    private static void Header(StringBuilder html, AuditReport report, int ruleCount)
    {
        var benchmark = report.Rules.Benchmark is { } b ? $"benchmark {b.Name} ({string.Join(", ", b.Versions)})" : "every benchmark version";
        html.Append("<header class=\"page\"><div class=\"inner\">\n");
        html.Append("<h1>KeyWarden access-key audit</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>CIS AWS Foundations access-key controls · {(ruleCount == 1 ? "1 rule" : $"{ruleCount} rules")} · {H(benchmark)} · as of {H(Time(report.AsOf))}</p>\n");
        html.Append("</div></header>\n");
    }

    private static void VerdictBanner(StringBuilder html, AuditReport report)
    {
        var verdict = Verdict.Of(report);
        var s = report.Summary;
        html.Append(CultureInfo.InvariantCulture, $"<div id=\"verdict\" class=\"verdict {verdict.Kind}\" data-verdict=\"{verdict.Kind}\" role=\"status\"><div class=\"inner\">");
        html.Append(CultureInfo.InvariantCulture, $"<strong>{H(verdict.Text)}</strong> <span class=\"verdict-detail\">{s.Findings} findings over {s.Principals} principals: {s.Fail} FAIL, {s.Error} ERROR, {s.Warn} WARN, {s.Muted} MUTED, {s.Pass} PASS</span>");
        html.Append("</div></div>\n");
    }

    private void Provenance(StringBuilder html, AuditReport report)
    {
        foreach (var source in report.Sources.Where(s => s.Error is not null))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"alert\" role=\"alert\"><strong>Account {H(source.AccountId ?? "unknown")} could not be evaluated</strong> via {H(source.Kind.ToContractName())}: {H(source.Error)}. Its principals are not in this report; this is not a pass.</div>\n");
        }

        if (report.Sources.Count > 1)
        {
            AccountsTable(html, report);
        }

        html.Append("<div class=\"meta\" id=\"provenance\">\n");
        // One box per account reads well for a few; a fleet gets the accounts table above instead.
        foreach (var source in report.Sources.Count > 1 ? [] : report.Sources)
        {
            html.Append("<section class=\"source\"><h3>Account ").Append(H(source.AccountId ?? "unknown")).Append("</h3><dl>");
            Row(html, "partition", source.Partition ?? "unknown");
            Row(html, "source", SourceLabel(source.Kind));
            Row(html, "data as of", source.DataAsOf is { } d ? $"{Time(d)} ({Age(report.AsOf - d)} before the audit)" : "unknown");
            if (source.Location is { } location)
            {
                Row(html, "location", location);
            }

            foreach (var note in source.Notes ?? [])
            {
                Row(html, "note", note);
            }

            html.Append("</dl></section>\n");
        }

        html.Append("<section><h3>Audit</h3><dl>");
        Row(html, "as of", Time(report.AsOf));
        Row(html, "generated", Time(report.GeneratedAt));
        Row(html, "tool", $"{tool.Name} {tool.Version}");
        html.Append("</dl></section>\n");
        html.Append("<section id=\"parameters\"><h3>Parameters</h3><dl>");
        Row(html, "max key age", $"{report.Parameters.MaxKeyAgeDays} days");
        Row(html, "in-use window", $"{report.Parameters.InUseDays} days");
        Row(html, "rotation grace", $"{report.Parameters.RotationGraceDays} days");
        Row(html, "rotation as warning", report.Parameters.TreatRotationAsWarning ? "yes" : "no");
        Row(html, "unused after", $"{report.Parameters.UnusedDays} days");
        html.Append("</dl></section>\n</div>\n");
    }

    /// <summary>
    /// Every account of the run, each in its one end state, so that none is silently missing: failing and unread
    /// accounts first, then by id.
    /// </summary>
    private static void AccountsTable(StringBuilder html, AuditReport report)
    {
        var byAccount = report.Findings.GroupBy(f => f.AccountId ?? "unknown").ToDictionary(g => g.Key, g => g.ToList());
        var counts = report.Sources.GroupBy(s => s.EffectiveStatus).ToDictionary(g => g.Key, g => g.Count());
        html.Append("<section id=\"accounts\">\n<h2>Accounts</h2>\n<p class=\"small\">");
        html.Append(CultureInfo.InvariantCulture, $"{report.Sources.Count} account(s): ");
        html.Append(H(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key.ToContractName()}"))));
        html.Append("</p>\n<table class=\"accounts\"><thead><tr><th>Account</th><th>Name</th><th>Status</th><th>Data as of</th>"
            + "<th class=\"num\">Principals</th><th class=\"num\">Failing</th><th>Detail</th></tr></thead><tbody>\n");
        var ordered = report.Sources
            .OrderBy(s => s.EffectiveStatus switch { AccountStatus.Ok => 2, AccountStatus.Skipped => 3, _ => 0 })
            .ThenBy(s => byAccount.TryGetValue(s.AccountId ?? "unknown", out var f) && f.Any(x => x.Status == FindingStatus.Fail) ? 0 : 1)
            .ThenBy(s => s.AccountId, StringComparer.Ordinal);
        foreach (var source in ordered)
        {
            var findings = byAccount.GetValueOrDefault(source.AccountId ?? "unknown") ?? [];
            var status = source.EffectiveStatus;
            var detail = source.Error ?? string.Join("; ", source.Notes ?? []);
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"account-{H(status.ToContractName())}\"><td class=\"id\">{H(source.AccountId ?? "unknown")}</td><td>{H(source.AccountName ?? "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {(status == AccountStatus.Ok ? "PASS" : status == AccountStatus.Skipped ? "MUTED" : "ERROR")}\">{H(status.ToContractName())}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{H(source.DataAsOf is { } d ? Time(d) : "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(status == AccountStatus.Ok ? findings.Count.ToString(CultureInfo.InvariantCulture) : "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(status == AccountStatus.Ok ? findings.Count(f => f.Status == FindingStatus.Fail).ToString(CultureInfo.InvariantCulture) : "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"detail\">{H(detail)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static void Summary(StringBuilder html, AuditReport report)
    {
        var s = report.Summary;
        html.Append("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"card\" data-filter=\"all\"><span class=\"count\" id=\"count-principals\">{s.Principals}</span>principals</button>\n");
        foreach (var status in new[] { FindingStatus.Fail, FindingStatus.Error, FindingStatus.Warn, FindingStatus.Muted, FindingStatus.Pass })
        {
            var name = status.ToContractName();
            html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"card {name}\" data-filter=\"{name}\"><span class=\"count\" id=\"count-{name}\">{HtmlCharts.Count(s, status)}</span>{name.ToLowerInvariant()}</button>\n");
        }

        html.Append("</div>\n<div class=\"charts\">\n");
        html.Append("<figure><figcaption>Outcomes</figcaption>").Append(HtmlCharts.Outcomes(s)).Append("</figure>\n");
        html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>Active keys by age (dashed line: {report.Parameters.MaxKeyAgeDays} days)</figcaption>").Append(HtmlCharts.KeyAges(report)).Append("</figure>\n");
        html.Append("</div>\n");
    }

    /// <summary>One row per rule that ran: its CIS ids as this run shows them and its counts, linking to its section.</summary>
    private static void RuleSummary(StringBuilder html, AuditReport report, IReadOnlyList<(string Id, RuleMetadata? Rule)> rules)
    {
        var counts = AuditSummary.ByRule(report.Findings, rules.Select(r => r.Id)).ToDictionary(x => x.RuleId, x => x.Summary);
        html.Append("<section id=\"rule-summary-section\">\n<h2>Rules</h2>\n<table id=\"rule-summary\"><thead><tr><th>Rule</th><th>CIS AWS Foundations</th>");
        foreach (var status in SummaryStatuses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{status.ToContractName()}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var (id, rule) in rules)
        {
            var summary = counts[id];
            html.Append(CultureInfo.InvariantCulture, $"<tr data-rule=\"{H(id)}\"><td><a href=\"#{RuleAnchor(id)}\"><code>{H(id)}</code></a><div>{H(rule?.Title ?? "(a rule this version of KeyWarden does not know)")}</div></td>");
            html.Append("<td>").Append(H(rule is null ? "—" : CisSummary(rule, report.Rules.Benchmark))).Append("</td>");
            foreach (var status in SummaryStatuses)
            {
                var n = HtmlCharts.Count(summary, status);
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num{(n > 0 && status != FindingStatus.Pass ? " " + status.ToContractName() : string.Empty)}\" data-count=\"{status.ToContractName()}\">{n}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static string RuleAnchor(string ruleId) => "rule-" + Regex.Replace(ruleId, "[^A-Za-z0-9_-]", "_");

    private static void FindingsTable(
        StringBuilder html, IReadOnlyList<(string Id, RuleMetadata? Rule)> rules, IReadOnlyList<(Finding Finding, int Index)> ordered,
        IReadOnlyDictionary<Finding, string> anchors, bool manyAccounts, TextWriter output)
    {
        html.Append("<section id=\"findings-section\">\n<h2>Findings</h2>\n<div class=\"controls\">\n");
        html.Append("<label for=\"status-filter\">Status</label> <select id=\"status-filter\">");
        html.Append("<option value=\"all\">all</option><option value=\"not-pass\">not passing</option>");
        foreach (var status in new[] { "FAIL", "ERROR", "WARN", "MUTED", "PASS" })
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{status}\">{status}</option>");
        }

        html.Append("</select>\n<label for=\"rule-filter\">Rule</label> <select id=\"rule-filter\"><option value=\"all\">all</option>");
        foreach (var (id, _) in rules)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{H(id)}\">{H(id)}</option>");
        }

        html.Append("</select>\n<label for=\"search\">Search</label> <input id=\"search\" type=\"search\" placeholder=\"user, key, account, classification, message…\" autocomplete=\"off\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"small\">showing <strong id=\"shown-count\">{ordered.Count}</strong> of <span id=\"total-count\">{ordered.Count}</span> findings</span>\n</div>\n");

        html.Append("<table id=\"findings\">\n<thead><tr>");
        html.Append("<th><button type=\"button\">Status</button></th><th><button type=\"button\">Rule</button></th><th><button type=\"button\">Principal</button></th>");
        if (manyAccounts)
        {
            html.Append("<th><button type=\"button\">Account</button></th>");
        }

        html.Append("<th class=\"num\" data-type=\"number\"><button type=\"button\">Active keys</button></th>");
        html.Append("<th class=\"num\" data-type=\"number\"><button type=\"button\">Oldest active key</button></th>");
        html.Append("<th class=\"num\" data-type=\"number\"><button type=\"button\">Last used</button></th>");
        html.Append("<th><button type=\"button\">Classification</button></th><th>Decision</th><th>Message</th></tr></thead>\n<tbody>\n");

        var order = 0;
        foreach (var (finding, _) in ordered)
        {
            Drain(html, output);
            var status = finding.Status.ToContractName();
            var active = finding.Keys.Where(k => k.Key.IsActive).ToList();
            var oldest = active.Select(k => k.AgeDays).Where(a => a is not null).DefaultIfEmpty(null).Max();
            var lastUse = finding.Keys.Select(k => k.DaysSinceLastUse).Where(d => d is not null).DefaultIfEmpty(null).Min();
            var classification = finding.Classification?.ToContractName();
            var text = string.Join(' ', new[] { finding.Principal, finding.RuleId, finding.Key, finding.AccountId, finding.Arn, status, classification, finding.Message, finding.MuteReason }.Where(x => x is not null)).ToLowerInvariant();

            html.Append(CultureInfo.InvariantCulture, $"<tr data-status=\"{status}\" data-rule=\"{H(finding.RuleId)}\" data-order=\"{order++}\" data-text=\"{H(text)}\">");
            html.Append(CultureInfo.InvariantCulture, $"<td data-sort=\"{FailuresFirst.Rank(finding.Status)}\"><span class=\"badge {status}\">{status}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"rule\" data-sort=\"{H(finding.RuleId)}\">{H(finding.RuleId)}</td>");
            var principal = anchors.TryGetValue(finding, out var anchor) && HasDetails(finding)
                ? $"<a href=\"#{anchor}\">{H(finding.Principal)}</a>"
                : H(finding.Principal);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"principal\" data-sort=\"{H(finding.Principal.ToLowerInvariant())}\">{principal}{(finding.IsRoot ? " <span class=\"small\">(root)</span>" : string.Empty)}");
            if (finding.Key is { } key)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"small finding-key\">key <code>{H(key)}</code></div>");
            }

            html.Append("</td>");
            if (manyAccounts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td data-sort=\"{H(finding.AccountId ?? string.Empty)}\">{H(finding.AccountId ?? "unknown")}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{finding.ActiveKeyCount}\">{finding.ActiveKeyCount}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{oldest ?? -1}\">{(oldest is { } o ? FindingText.Days(o) : "—")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{lastUse ?? 999999}\">{(lastUse is { } l ? (l == 0 ? "today" : FindingText.Days(l) + " ago") : "never")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-sort=\"{H(classification ?? "~")}\">{(classification is null ? string.Empty : $"<span class=\"badge class\">{H(classification)}</span>")}</td>");
            html.Append("<td>").Append(DecisionSummary(finding)).Append("</td>");
            html.Append("<td class=\"message\">").Append(H(finding.Message));
            if (finding.MuteReason is { } mute)
            {
                html.Append("<div class=\"small\">muted: ").Append(H(mute)).Append("</div>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p id=\"no-match\" class=\"small\" hidden>No finding matches the filter.</p>\n</section>\n");
    }

    /// <summary>Every finding that is not a pass has a detail entry under its rule's section.</summary>
    private static bool HasDetails(Finding finding) => finding.Status != FindingStatus.Pass;

    private static string DecisionSummary(Finding finding)
    {
        if (finding.Decision is not { } d)
        {
            return string.Empty;
        }

        var parts = new List<string>
        {
            $"keep <code>{H(d.Keep)}</code>",
            $"deactivate {string.Join(", ", d.Deactivate.Select(k => $"<code>{H(k)}</code>"))}",
        };
        return string.Join("<br>", parts) + HtmlFindingCard.Flags(d);
    }

    /// <summary>
    /// Per rule: what it checks, why, its CIS ids and how to fix it by hand, then its findings that are not a pass, each
    /// with its keys and, where a key can be deactivated from the CLI, the exact commands.
    /// </summary>
    private static void RuleSections(
        StringBuilder html, IReadOnlyList<(string Id, RuleMetadata? Rule)> rules, IReadOnlyList<(Finding Finding, int Index)> ordered,
        IReadOnlyDictionary<Finding, string> anchors, TextWriter output)
    {
        html.Append("<section id=\"rules\">\n<h2>Rules and their findings</h2>\n");
        foreach (var (id, rule) in rules)
        {
            var findings = ordered.Select(x => x.Finding).Where(f => f.RuleId == id && HasDetails(f)).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"rule\" id=\"{RuleAnchor(id)}\" data-rule=\"{H(id)}\">\n");
            if (rule is null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3><code>{H(id)}</code></h3>\n<p>A rule this version of KeyWarden does not know: its findings are shown as recorded.</p>\n");
            }
            else
            {
                RuleMetadataBlock(html, rule);
            }

            var withDetails = findings.Where(f => f.Status != FindingStatus.Error).ToList();
            var errors = findings.Where(f => f.Status == FindingStatus.Error).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h4>Findings not passing: {withDetails.Count}</h4>\n");
            foreach (var finding in withDetails)
            {
                Drain(html, output);
                HtmlFindingCard.Write(html, finding, anchors[finding], rule);
            }

            if (errors.Count > 0)
            {
                html.Append("<div class=\"errors\">\n<h4>Could not evaluate</h4>\n<ul>");
                foreach (var finding in errors)
                {
                    Drain(html, output);
                    html.Append(CultureInfo.InvariantCulture, $"<li id=\"{anchors[finding]}\"><strong>").Append(H(finding.Principal)).Append("</strong>");
                    if (finding.AccountId is { } account)
                    {
                        html.Append(" <span class=\"small\">").Append(H(account)).Append("</span>");
                    }

                    html.Append(": ").Append(H(finding.Message)).Append("</li>");
                }

                html.Append("</ul>\n</div>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</section>\n");
    }

    private static void RuleMetadataBlock(StringBuilder html, RuleMetadata rule)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{H(rule.Title)} <span class=\"small\">(<code>{H(rule.Id)}</code>, severity {H(rule.Severity)}, one finding per {H(rule.Scope.ToContractName())})</span></h3>\n");
        html.Append("<p>").Append(H(rule.Description)).Append("</p>\n<p><strong>Risk.</strong> ").Append(H(rule.Risk)).Append("</p>\n");
        html.Append("<table class=\"cis-ids\"><thead><tr><th>CIS AWS Foundations Benchmark</th><th>Recommendation</th></tr></thead><tbody>");
        foreach (var (version, cis) in ComplianceIds.Ordered(rule))
        {
            html.Append("<tr><td>").Append(H(version)).Append("</td><td>").Append(H(cis)).Append("</td></tr>");
        }

        if (rule.CisIds.Count == 0)
        {
            html.Append("<tr><td colspan=\"2\">not a recommendation of the selected benchmark</td></tr>");
        }

        html.Append("</tbody></table>\n");
        if (rule.CisNote is { } note)
        {
            html.Append("<p class=\"cis-note\">").Append(H(note)).Append("</p>\n");
        }

        html.Append("<h4>Remediation</h4>\n<p>").Append(H(rule.Remediation)).Append("</p>\n<ol class=\"steps\">");
        foreach (var step in rule.RemediationSteps)
        {
            // Steps read "text: command"; show the command as code.
            var colon = step.IndexOf(": aws ", StringComparison.Ordinal);
            html.Append("<li>").Append(colon < 0 ? H(step) : $"{H(step[..colon])}: <code>{H(step[(colon + 2)..])}</code>").Append("</li>");
        }

        html.Append("</ol>\n<p class=\"small\">Documentation: <code>").Append(H(rule.DocPath)).Append("</code> in the KeyWarden repository. References: ");
        html.Append(string.Join(" · ", rule.References.Select(r => $"<a href=\"{H(r)}\">{H(r)}</a>")));
        html.Append("</p>\n");
    }

    private static void Exceptions(StringBuilder html, AuditReport report)
    {
        if (report.Exceptions is not { Count: > 0 } exceptions)
        {
            return;
        }

        html.Append("<section id=\"exceptions\">\n<h2>Exceptions</h2>\n<table><thead><tr><th>Principal</th><th>Account</th><th>Reason</th><th>Expires</th><th class=\"num\">Matched</th></tr></thead><tbody>\n");
        foreach (var outcome in exceptions)
        {
            var e = outcome.Entry;
            html.Append("<tr><td><code>").Append(H(e.Principal)).Append("</code></td><td>").Append(H(e.Account ?? "any")).Append("</td><td>").Append(H(e.Reason)).Append("</td><td>");
            html.Append(H(e.Expires)).Append(outcome.Expired ? " <span class=\"badge FAIL\">expired</span>" : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"</td><td class=\"num\">{outcome.Matched}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>
    /// "1.13 (v1.3.0–v4.0.1), 1.12 (v5.0.0), 2.12 (v6.0.0)": consecutive versions with the same id grouped; for a rule the
    /// run's benchmark does not have, "not in v7.0.0".
    /// </summary>
    private static string CisSummary(RuleMetadata rule, CisBenchmark? benchmark)
    {
        if (rule.CisIds.Count == 0)
        {
            return benchmark is null ? "not a CIS recommendation" : $"not in {string.Join(", ", benchmark.Versions)}";
        }

        return string.Join(", ", ComplianceIds.Runs(rule).Select(g => g.First == g.Last ? $"{g.Id} ({g.First})" : $"{g.Id} ({g.First}–{g.Last})"));
    }

    private static string SourceLabel(SourceKind kind) => kind switch
    {
        SourceKind.CredentialReportFile => "credential-report-file (offline CSV)",
        SourceKind.CredentialReport => "credential-report (from the account)",
        SourceKind.Live => "live (IAM API per user)",
        SourceKind.Auto => "auto (credential report, candidates re-read live)",
        _ => kind.ToContractName(),
    };

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
        { TotalDays: < 2 } => $"{(int)age.TotalHours} h",
        _ => $"{(int)age.TotalDays} days",
    };
}
