using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyWarden.Inventory;

/// <summary>
/// Parses the IAM credential report CSV (what GetCredentialReport returns, base64-decoded, or the
/// console's download). Columns are found by header name so that columns AWS adds later are ignored,
/// and key slots are discovered from the header rather than assumed to be exactly two.
/// </summary>
public static partial class CredentialReportParser
{
    private static readonly string[] RequiredColumns = ["user", "arn"];

    /// <summary>
    /// Data rows read at most: IAM allows 5,000 users per account, so a report past 250,000 rows is not one (the offline benchmark runs 100,000), and the
    /// bound keeps memory proportional to a real report (each row stays in memory as a principal).
    /// </summary>
    public const int MaxRows = 250_000;

    // Values IAM writes instead of a date or a name: no key, never used, no data, or not applicable to root.
    private static readonly HashSet<string> NoValue = new(StringComparer.OrdinalIgnoreCase)
    {
        "N/A", "no_information", "not_supported", "",
    };

    // Case-insensitive like the column index: a slot whose header differs in case must not be silently dropped.
    // At most three digits: a slot number must fit an int, and IAM has two slots.
    [GeneratedRegex(@"^access_key_([0-9]{1,3})_active$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyActiveColumn();

    [GeneratedRegex(@"^arn:(?<partition>[^:]+):iam::(?<account>\d{12}):", RegexOptions.CultureInvariant)]
    private static partial Regex IamArn();

    public static ParsedCredentialReport Parse(string content, string sourceName) =>
        Parse(new StringReader(content), sourceName);

    public static ParsedCredentialReport Parse(TextReader reader, string sourceName) =>
        Parse(reader, sourceName, MaxRows, CsvRecordReader.MaxTotalLength);

    // The bounds as parameters so that tests can show them working without reading 64 Mi characters.
    internal static ParsedCredentialReport Parse(TextReader reader, string sourceName, int maxRows, long maxTotalLength)
    {
        var csv = new CsvRecordReader(reader, sourceName, maxTotalLength);
        var header = csv.Next() ?? throw new CredentialReportFormatException(sourceName, null, "the file is empty; expected a credential report CSV with a header line");
        var columns = IndexColumns(header.Fields, header.Line, sourceName);

        var principals = new List<PrincipalKeys>();
        string? accountId = null;
        string? partition = null;
        DateTimeOffset? newest = null;

        while (csv.Next() is { } record)
        {
            if (principals.Count == maxRows)
            {
                throw new CredentialReportFormatException(sourceName, record.Line,
                    $"more than {maxRows} rows; a credential report covers one account (IAM allows 5,000 users)");
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                throw new CredentialReportFormatException(sourceName, record.Line,
                    $"has {record.Fields.Count} fields but the header has {header.Fields.Count}");
            }

            var row = new Row(record.Fields, record.Line, columns, sourceName);
            var principal = row.ToPrincipal();
            principals.Add(principal);

            if (principal.Arn is { } arn && IamArn().Match(arn) is { Success: true } m)
            {
                var rowAccount = m.Groups["account"].Value;
                if (accountId is not null && accountId != rowAccount)
                {
                    throw new CredentialReportFormatException(sourceName, record.Line,
                        $"belongs to account {rowAccount} but earlier rows belong to {accountId}; a credential report covers one account");
                }

                accountId = rowAccount;
                partition = m.Groups["partition"].Value;
            }

            newest = Max(newest, row.NewestDate);
        }

        return new ParsedCredentialReport(principals, accountId, partition, newest);
    }

    private static ColumnMap IndexColumns(List<string> header, int line, string sourceName)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            index.TryAdd(name, i);
        }

        var slots = index.Keys
            .Select(k => KeyActiveColumn().Match(k))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Distinct() // access_key_1_active and access_key_01_active are the same slot, read once
            .Order()
            .ToArray();

        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (slots.Length == 0)
        {
            missing.Add("access_key_1_active");
        }

        foreach (var slot in slots)
        {
            foreach (var suffix in new[] { "last_rotated", "last_used_date" })
            {
                var column = $"access_key_{slot}_{suffix}";
                if (!index.ContainsKey(column))
                {
                    missing.Add(column);
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new CredentialReportFormatException(sourceName, line,
                $"not an IAM credential report: missing column(s) {string.Join(", ", missing)}");
        }

        return new ColumnMap(index, slots);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    private sealed record ColumnMap(Dictionary<string, int> Index, int[] Slots);

    /// <summary>One data row, read by column name with the report's special values understood.</summary>
    private sealed class Row(List<string> fields, int line, ColumnMap columns, string sourceName)
    {
        public DateTimeOffset? NewestDate { get; private set; }

        public PrincipalKeys ToPrincipal()
        {
            var user = Text("user") ?? throw Error("user", "is empty");
            var arn = Text("arn");
            var isRoot = user == PrincipalKeys.RootName || (arn?.EndsWith(":root", StringComparison.Ordinal) ?? false);

            // Dates outside the key columns still tell how fresh the report is.
            foreach (var column in new[] { "user_creation_time", "password_last_used", "password_last_changed" })
            {
                Date(column);
            }

            var keys = new List<AccessKey>();
            foreach (var slot in columns.Slots)
            {
                var prefix = $"access_key_{slot}_";
                var active = Bool(prefix + "active");
                var rotated = Date(prefix + "last_rotated");
                var lastUsed = Date(prefix + "last_used_date");

                // The report keeps a slot's columns even when no key exists: N/A and not active means "no key".
                if (!active && rotated is null && lastUsed is null)
                {
                    continue;
                }

                keys.Add(new AccessKey(
                    Id: null,
                    Slot: slot,
                    Status: active ? KeyStatus.Active : KeyStatus.Inactive,
                    CreatedAt: rotated,
                    LastUsedAt: lastUsed,
                    LastUsedService: lastUsed is null ? null : Text(prefix + "last_used_service"),
                    LastUsedRegion: lastUsed is null ? null : Text(prefix + "last_used_region"))
                {
                    LastUsedSource = LastUseSource.CredentialReport,
                });
            }

            return new PrincipalKeys(isRoot ? PrincipalKeys.RootName : user, arn, isRoot, keys);
        }

        private string? Raw(string column) =>
            columns.Index.TryGetValue(column, out var i) ? fields[i].Trim() : null;

        private string? Text(string column) =>
            Raw(column) is { } value && !NoValue.Contains(value) ? value : null;

        private bool Bool(string column)
        {
            var value = Raw(column);
            if (value is null || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (NoValue.Contains(value))
            {
                return false;
            }

            throw Error(column, $"expected true or false, found '{Truncate(value)}'");
        }

        private DateTimeOffset? Date(string column)
        {
            var value = Raw(column);
            if (value is null || NoValue.Contains(value))
            {
                return null;
            }

            var date = Reports.Timestamps.Parse(value)
                ?? throw Error(column, $"expected an ISO 8601 date, N/A, no_information or not_supported, found '{Truncate(value)}'");
            NewestDate = Max(NewestDate, date);
            return date;
        }

        private CredentialReportFormatException Error(string column, string problem) =>
            new(sourceName, line, $"column {column}: {problem}");

        // Errors are one line: a quoted cell may hold line breaks, so control characters are shown escaped.
        private static string Truncate(string value) =>
            Common.TerminalText.Escape(value.Length <= 40 ? value : value[..40] + "…");
    }
}
