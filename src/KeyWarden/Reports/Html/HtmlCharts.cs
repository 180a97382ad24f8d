using System.Globalization;
using System.Net;
using System.Text;
using KeyWarden.Audit;

namespace KeyWarden.Reports.Html;

/// <summary>The report's two inline SVG charts: outcomes by status, and a histogram of active-key ages with the max-age line.</summary>
internal static class HtmlCharts
{
    private static readonly FindingStatus[] Statuses = [FindingStatus.Fail, FindingStatus.Error, FindingStatus.Warn, FindingStatus.Muted, FindingStatus.Pass];

    public static string Outcomes(AuditSummary summary)
    {
        var counts = Statuses.Select(s => (Status: s, Count: Count(summary, s))).ToList();
        var max = Math.Max(1, counts.Max(c => c.Count));
        const int labelWidth = 60, barMax = 250, rowHeight = 28, top = 6;
        var height = top + (counts.Count * rowHeight) + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"outcome-chart\" viewBox=\"0 0 360 {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"outcome-title\"><title id=\"outcome-title\">Findings by status</title>");
        for (var i = 0; i < counts.Count; i++)
        {
            var (status, count) = counts[i];
            var y = top + (i * rowHeight);
            var width = count == 0 ? 0 : Math.Max(2, (int)Math.Round(count * (double)barMax / max));
            var name = status.ToContractName();
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"outcome\" data-status=\"{name}\" data-count=\"{count}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\">{name}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar-{name}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"18\" rx=\"3\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 16}\">{count}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static string KeyAges(AuditReport report)
    {
        var limit = report.Parameters.MaxKeyAgeDays;
        // Each rule's findings carry the keys they judge, so one key appears once per rule: count every key once.
        var ages = report.Findings
            .SelectMany(f => f.Keys.Select(k => (f.AccountId, f.Principal, Key: k)))
            .Where(x => x.Key.Key.IsActive && x.Key.AgeDays is not null)
            .DistinctBy(x => (x.AccountId, x.Principal, x.Key.Reference))
            .Select(x => x.Key.AgeDays!.Value)
            .ToList();
        var oldest = ages.Count == 0 ? 0 : ages.Max();

        // Bins of 30 days (widened for very old keys), always reaching past the limit so the line is on the chart.
        var span = Math.Max(oldest, limit) + 1;
        var binWidth = 30;
        while (span / binWidth > 24)
        {
            binWidth *= 2;
        }

        var bins = (int)Math.Ceiling((span + 1) / (double)binWidth);
        var counts = new int[bins];
        foreach (var age in ages)
        {
            counts[age / binWidth]++;
        }

        const int left = 34, right = 12, top = 22, plotHeight = 150, width = 560;
        var plotWidth = width - left - right;
        var barWidth = plotWidth / (double)bins;
        var maxCount = Math.Max(1, counts.Max());
        double X(double days) => left + (days / binWidth * barWidth);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"age-chart\" viewBox=\"0 0 {width} {top + plotHeight + 40}\" width=\"100%\" role=\"img\" aria-labelledby=\"age-title\" data-keys=\"{ages.Count}\"><title id=\"age-title\">Active access keys by age in days; the line marks {limit} days</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\">{maxCount}</text><text x=\"{left - 6}\" y=\"{top + plotHeight}\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < bins; i++)
        {
            var from = i * binWidth;
            var to = from + binWidth;
            var cls = to <= limit ? "young" : from >= limit ? "old" : "mixed";
            var h = counts[i] * (double)plotHeight / maxCount;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cls}\" x=\"{F(left + (i * barWidth) + 1)}\" y=\"{F(top + plotHeight - h)}\" width=\"{F(Math.Max(1, barWidth - 2))}\" height=\"{F(h)}\"><title>{from}–{to - 1} days: {counts[i]} key(s)</title></rect>");
            if (counts[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + ((i + 0.5) * barWidth))}\" y=\"{F(top + plotHeight - h - 3)}\" text-anchor=\"middle\">{counts[i]}</text>");
            }
        }

        var labelEvery = Math.Max(1, (int)Math.Ceiling(bins / 8.0));
        for (var i = 0; i <= bins; i += labelEvery)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + (i * barWidth))}\" y=\"{top + plotHeight + 14}\" text-anchor=\"middle\">{i * binWidth}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{top + plotHeight + 32}\" text-anchor=\"middle\">age of active key (days)</text>");
        var lx = F(X(limit));
        svg.Append(CultureInfo.InvariantCulture, $"<line id=\"max-age-line\" class=\"limit\" x1=\"{lx}\" y1=\"{top - 8}\" x2=\"{lx}\" y2=\"{top + plotHeight}\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"limit-label\" x=\"{F(X(limit) + 4)}\" y=\"{top - 10}\">{limit} days</text>");
        if (ages.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\">{WebUtility.HtmlEncode("no active keys")}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static int Count(AuditSummary summary, FindingStatus status) => status switch
    {
        FindingStatus.Pass => summary.Pass,
        FindingStatus.Fail => summary.Fail,
        FindingStatus.Warn => summary.Warn,
        FindingStatus.Error => summary.Error,
        FindingStatus.Muted => summary.Muted,
        _ => 0,
    };
}
