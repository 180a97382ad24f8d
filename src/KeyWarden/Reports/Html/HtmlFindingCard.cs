using System.Globalization;
using System.Text;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.AccessKeyUnused;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using static KeyWarden.Reports.Html.HtmlText;

namespace KeyWarden.Reports.Html;

/// <summary>
/// One finding that is not a pass, as a card under its rule's section: status and flags, the message, each key side by
/// side with what the decision does with it, the reasons, and for a FAIL the commands that fix it.
/// </summary>
internal static class HtmlFindingCard
{
    public static void Write(StringBuilder html, Finding finding, string anchor, RuleMetadata? rule)
    {
        var d = finding.Decision;
        var status = finding.Status.ToContractName();
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"finding {status}\" id=\"{anchor}\" data-rule=\"{H(finding.RuleId)}\">\n<header>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>{H(finding.Principal)}</h3><span class=\"badge {status}\">{status}</span>");
        if (finding.Key is { } key)
        {
            html.Append("<span>key <code>").Append(H(key)).Append("</code></span>");
        }

        if (finding.Classification is { } c)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge class\">{H(c.ToContractName())}</span>");
        }

        if (d is not null)
        {
            html.Append(Flags(d));
        }

        html.Append(CultureInfo.InvariantCulture, $"<span class=\"small arn\">{H(finding.Arn ?? finding.AccountId ?? string.Empty)}</span></header>\n");
        html.Append("<p class=\"message\">").Append(H(finding.Message)).Append("</p>\n");
        if (finding.MuteReason is { } mute)
        {
            html.Append("<div class=\"mute\"><strong>Muted by exception:</strong> ").Append(H(mute)).Append("</div>\n");
        }

        if (finding.Keys.Count > 0)
        {
            html.Append("<div class=\"keys\">\n");
            foreach (var evidence in finding.Keys)
            {
                KeyCard(html, evidence, d);
            }

            html.Append("</div>\n");
        }

        if (d is not null)
        {
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in d.Reasons)
            {
                html.Append("<li>").Append(H(reason)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        Commands(html, finding, rule);
        html.Append("</article>\n");
    }

    private static void KeyCard(StringBuilder html, KeyEvidence key, KeepDecision? d)
    {
        var action = KeyAction.Of(key, d);
        var cls = action ?? (key.Key.IsActive ? "active" : "inactive");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"key {cls}\"><strong><code>{H(key.Reference)}</code></strong> ");
        html.Append(action is null
            ? $"<span class=\"badge {cls}\">{H(key.Key.Status.ToString().ToLowerInvariant())}</span>"
            : $"<span class=\"badge {action}\">{action}</span>");
        html.Append("<dl>");
        Row(html, "status", key.Key.Status.ToString());
        Row(html, "created", key.Key.CreatedAt is { } created ? Time(created) : "unknown");
        Row(html, "age", key.AgeDays is { } age ? FindingText.Days(age) : "unknown");
        Row(html, "last used", key.Key.LastUsedAt is { } used ? $"{Time(used)} ({FindingText.Days(key.DaysSinceLastUse)} ago)" : "never");
        Row(html, "service", key.Key.LastUsedService ?? "—");
        Row(html, "region", key.Key.LastUsedRegion ?? "—");
        Row(html, "in use", key.IsOperational ? "yes" : "no");
        html.Append("</dl></div>\n");
    }

    /// <summary>
    /// What to run for a FAIL: per key to deactivate (the keeper decision's other active keys, or the unused key itself)
    /// the exact update-access-key, then list-access-keys to confirm. A credential report names keys only by slot, so
    /// without an id the page says so and offers list-access-keys to find it. Root's keys are never deactivated from the
    /// CLI (only root itself can, signed in): root and rotation findings get the rule's remediation instead.
    /// </summary>
    private static void Commands(StringBuilder html, Finding finding, RuleMetadata? rule)
    {
        if (finding.Status != FindingStatus.Fail)
        {
            return;
        }

        var deactivate = finding.IsRoot ? null : finding.RuleId switch
        {
            var id when id == MultipleActiveKeysRule.Metadata.Id && finding.Decision is { } d => d.Deactivate,
            var id when id == AccessKeyUnusedRule.Metadata.Id && finding.Key is { } key => [key],
            _ => null,
        };
        html.Append("<div class=\"remedy\">\n<h4>How to fix</h4>\n");
        if (deactivate is null)
        {
            html.Append("<p>").Append(H(rule?.Remediation ?? "See the rule's documentation.")).Append("</p>\n</div>\n");
            return;
        }

        if (finding.Decision is { NeedsReview: true } review)
        {
            html.Append("<p class=\"review\"><strong>Needs review first:</strong> ").Append(H(review.ReviewReason ?? "a person decides before deactivating")).Append("</p>\n");
        }

        foreach (var reference in deactivate)
        {
            var id = finding.Keys.FirstOrDefault(k => k.Reference == reference)?.Key.Id;
            if (id is not null)
            {
                html.Append("<p>Deactivate <code>").Append(H(id)).Append("</code>:</p>\n");
                CommandBlock(html, ShellCommand.DeactivateKey(finding.Principal, id), id);
            }
            else
            {
                html.Append("<p>Deactivate <code>").Append(H(reference)).Append("</code>: its key id is not in the credential report; list the user's keys to find it, then run <code>aws iam update-access-key</code> with it:</p>\n");
                CommandBlock(html, ShellCommand.ListKeys(finding.Principal), null);
            }
        }

        html.Append("<p>Then confirm:</p>\n");
        CommandBlock(html, ShellCommand.ListKeys(finding.Principal), null);
        html.Append("</div>\n");
    }

    private static void CommandBlock(StringBuilder html, string command, string? keyId)
    {
        html.Append("<div class=\"command\"").Append(keyId is null ? string.Empty : $" data-key=\"{H(keyId)}\"").Append("><pre><code>").Append(H(command))
            .Append("</code></pre><button type=\"button\" class=\"copy no-print\">Copy</button></div>\n");
    }

    /// <summary>The decision's flags as badges (also in the findings table's decision cell).</summary>
    public static string Flags(KeepDecision d) =>
        (d.RotateKeeper ? " <span class=\"badge flag\" title=\"the kept key is not younger than the max age: rotate it too\">rotate kept key</span>" : string.Empty)
        + (d.NeedsReview ? $" <span class=\"badge flag\" title=\"{H(d.ReviewReason ?? "a person decides before deactivating")}\">needs review</span>" : string.Empty);
}
