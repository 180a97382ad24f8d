namespace KeyWarden.Tests.Inventory;

/// <summary>
/// Builds credential-report CSV text for the parser tests: a row starts from the values AWS writes for a
/// user with no password and no keys, and a test overrides only the cells it is about.
/// </summary>
internal static class CredentialReportCsv
{
    public const string Account = "123456789012";

    public static readonly string[] Columns =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ];

    public static readonly string[] ThirdSlotColumns =
    [
        "access_key_3_active", "access_key_3_last_rotated", "access_key_3_last_used_date",
        "access_key_3_last_used_region", "access_key_3_last_used_service",
    ];

    /// <summary>A user row: no password, no MFA, both key slots empty (false + N/A), no certificates.</summary>
    public static Dictionary<string, string> User(string name, string account = Account, string partition = "aws", params (string Column, string Value)[] cells)
    {
        var row = new Dictionary<string, string>
        {
            ["user"] = name,
            ["arn"] = $"arn:{partition}:iam::{account}:user/{name}",
            ["user_creation_time"] = "2025-01-01T00:00:00+00:00",
            ["password_enabled"] = "false",
            ["password_last_used"] = "N/A",
            ["password_last_changed"] = "N/A",
            ["password_next_rotation"] = "N/A",
            ["mfa_active"] = "false",
            ["cert_1_active"] = "false",
            ["cert_1_last_rotated"] = "N/A",
            ["cert_2_active"] = "false",
            ["cert_2_last_rotated"] = "N/A",
        };
        foreach (var slot in new[] { 1, 2, 3 })
        {
            row[$"access_key_{slot}_active"] = "false";
            row[$"access_key_{slot}_last_rotated"] = "N/A";
            row[$"access_key_{slot}_last_used_date"] = "N/A";
            row[$"access_key_{slot}_last_used_region"] = "N/A";
            row[$"access_key_{slot}_last_used_service"] = "N/A";
        }

        foreach (var (column, value) in cells)
        {
            row[column] = value;
        }

        return row;
    }

    /// <summary>The root row as AWS writes it: not_supported for the password columns.</summary>
    public static Dictionary<string, string> Root(string account = Account, params (string Column, string Value)[] cells)
    {
        var row = User("<root_account>", account, "aws",
        [
            ("arn", $"arn:aws:iam::{account}:root"),
            ("password_enabled", "not_supported"),
            ("password_last_changed", "not_supported"),
            ("password_next_rotation", "not_supported"),
            ("mfa_active", "true"),
        ]);
        foreach (var (column, value) in cells)
        {
            row[column] = value;
        }

        return row;
    }

    /// <summary>The cells of one key slot.</summary>
    public static (string Column, string Value)[] Key(
        int slot, string active, string lastRotated, string lastUsed = "N/A", string region = "N/A", string service = "N/A") =>
    [
        ($"access_key_{slot}_active", active),
        ($"access_key_{slot}_last_rotated", lastRotated),
        ($"access_key_{slot}_last_used_date", lastUsed),
        ($"access_key_{slot}_last_used_region", region),
        ($"access_key_{slot}_last_used_service", service),
    ];

    /// <summary>A report with the standard 22 columns, LF line ends and a final newline.</summary>
    public static string Report(params Dictionary<string, string>[] rows) => Report(Columns, rows);

    public static string Report(IReadOnlyList<string> columns, params Dictionary<string, string>[] rows) =>
        Report(columns, "\n", rows);

    public static string Report(IReadOnlyList<string> columns, string newline, params Dictionary<string, string>[] rows)
    {
        var lines = new List<string> { string.Join(",", columns.Select(Quote)) };
        lines.AddRange(rows.Select(row => string.Join(",", columns.Select(c => Quote(row.TryGetValue(c, out var v) ? v : "")))));
        return string.Join(newline, lines) + newline;
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
