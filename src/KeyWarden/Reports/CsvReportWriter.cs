using System.Globalization;
using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// One row per key (a principal without keys gets one row with empty key columns), so that a
/// spreadsheet can filter and sort by key age or last use. Finding-level columns repeat on each row.
/// </summary>
public sealed class CsvReportWriter : IReportWriter
{
    public static readonly string[] Columns =
    [
        "ruleId", "accountId", "partition", "principal", "arn", "isRoot", "status", "classification", "activeKeyCount",
        "keyId", "keySlot", "keyStatus", "keyCreatedAt", "keyAgeDays", "keyLastUsedAt", "keyLastUsedService",
        "keyLastUsedRegion", "keyOperational", "keyAction", "keep", "deactivate", "rotateKeeper", "needsReview",
        "reasons", "message", "muteReason", "sourceKind", "dataAsOf",
    ];

    public string Format => "csv";

    public string FileExtension => "csv";

    public void Write(AuditReport report, TextWriter output)
    {
        output.Write(string.Join(',', Columns));
        output.Write("\r\n");
        var sources = report.Sources.Where(s => s.AccountId is not null).DistinctBy(s => s.AccountId).ToDictionary(s => s.AccountId!);

        // An account that could not be read is a row too (status ERROR), so a spreadsheet never shows it as clean.
        foreach (var finding in AccountErrorFindings.WithAccountErrors(report))
        {
            var source = finding.AccountId is { } id && sources.TryGetValue(id, out var s) ? s : report.Sources.FirstOrDefault();
            var keys = finding.Keys.Count > 0 ? finding.Keys.Cast<KeyEvidence?>() : [null];
            foreach (var key in keys)
            {
                WriteRow(output,
                [
                    finding.RuleId,
                    finding.AccountId,
                    finding.Partition,
                    finding.Principal,
                    finding.Arn,
                    Bool(finding.IsRoot),
                    finding.Status.ToContractName(),
                    finding.Classification?.ToContractName(),
                    Int(finding.ActiveKeyCount),
                    key?.Key.Id,
                    Int(key?.Key.Slot),
                    key?.Key.Status.ToString(),
                    Timestamps.Format(key?.Key.CreatedAt),
                    Int(key?.AgeDays),
                    Timestamps.Format(key?.Key.LastUsedAt),
                    key?.Key.LastUsedService,
                    key?.Key.LastUsedRegion,
                    key is null ? null : Bool(key.IsOperational),
                    key is null ? null : KeyAction.Of(key, finding.Decision),
                    finding.Decision?.Keep,
                    finding.Decision is { } d ? string.Join(' ', d.Deactivate) : null,
                    finding.Decision is { } r ? Bool(r.RotateKeeper) : null,
                    finding.Decision is { } n ? Bool(n.NeedsReview) : null,
                    finding.Decision is { } e ? string.Join(' ', e.Reasons) : null,
                    finding.Message,
                    finding.MuteReason,
                    source?.Kind.ToContractName(),
                    Timestamps.Format(source?.DataAsOf),
                ]);
            }
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    // One write per row, not per field: the output may be a redacting writer whose every write has a cost.
    [ThreadStatic]
    private static System.Text.StringBuilder? _row;

    private static void WriteRow(TextWriter output, string?[] values)
    {
        var row = _row ??= new System.Text.StringBuilder();
        row.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            row.Append(Escape(values[i]));
        }

        output.Write(row.Append("\r\n").ToString());
    }

    // RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula.
    internal static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
