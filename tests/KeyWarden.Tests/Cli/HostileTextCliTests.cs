using System.Text.Json;
using KeyWarden.Common;

namespace KeyWarden.Tests.Cli;

/// <summary>
/// Data under someone else's control (user names in an offline CSV, reasons in an exceptions file) must never reach
/// the terminal raw: ESC, BEL, CR and bidi overrides are shown escaped; machine formats keep the exact bytes.
/// </summary>
public class HostileTextCliTests : IDisposable
{
    private const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
        // A complete report has its root row; without one the account is not fully evaluated.
        + "<root_account>,arn:aws:iam::111122223333:root,2021-02-27T09:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,"
        + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

    // Window title + erase line, a bell, a right-to-left override, a carriage return, a C1 CSI and a backslash typed literally.
    private static readonly string[] HostileNames =
    [
        "evil\u001b]0;pwned\u0007\u001b[2K",
        "bell\u0007user",
        "rlo\u202egnp.exe",
        "cr\rfake",
        "csi\u009b31m",
        "literal\\u001b",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteReport()
    {
        var rows = HostileNames.Select((name, i) =>
            $"\"{name.Replace("\"", "\"\"")}\",arn:aws:iam::111122223333:user/u{i},2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2026-01-01T00:00:00+00:00,2026-11-27T00:00:00+00:00,us-east-1,s3,"
            + "true,2026-02-01T00:00:00+00:00,2026-11-26T00:00:00+00:00,us-east-1,\"ec2\u001b[31m\",false,N/A,false,N/A\n");
        var path = Path.Combine(_dir, "hostile.csv");
        File.WriteAllText(path, Header + string.Concat(rows));
        return path;
    }

    private static void AssertNoUnsafeCharacters(string text, string stream)
    {
        var unsafeChars = text.Where(c => c != '\n' && TerminalText.IsUnsafe(c)).Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        Assert.True(unsafeChars.Count == 0, $"{stream} carries raw {string.Join(", ", unsafeChars)}");
    }

    [Fact]
    public async Task The_table_shows_hostile_user_names_escaped_and_sends_no_control_or_bidi_character()
    {
        var result = await CliRunner.RunAsync("audit", "--rules", "iam-single-active-access-key", "--credential-report", WriteReport(), "--as-of", "2026-11-28T09:00:00Z");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        AssertNoUnsafeCharacters(result.Stdout, "stdout");
        AssertNoUnsafeCharacters(result.Stderr, "stderr");
        Assert.Contains(@"evil\u001b]0;pwned\u0007\u001b[2K", result.Stdout);
        Assert.Contains(@"bell\u0007user", result.Stdout);
        Assert.Contains(@"rlo\u202egnp.exe", result.Stdout);
        Assert.Contains(@"cr\u000dfake", result.Stdout);
        Assert.Contains(@"csi\u009b31m", result.Stdout);
        Assert.Contains(@"ec2\u001b[31m", result.Stdout);

        // A backslash typed in the data is doubled, so it never reads as an escaped character.
        Assert.Contains(@"literal\\u001b", result.Stdout);
    }

    [Fact]
    public async Task Json_keeps_the_exact_names()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", WriteReport(), "--as-of", "2026-11-28T09:00:00Z", "--format", "json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);

        // JSON escapes every control character itself; bidi characters are valid JSON text and stay as they are.
        Assert.DoesNotContain(result.Stdout, c => c < ' ' && c != '\n');
        Assert.DoesNotContain(result.Stdout, c => c is >= '\u007f' and <= '\u009f');
        using var doc = JsonDocument.Parse(result.Stdout);
        var principals = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("principal").GetString()).ToList();
        Assert.All(HostileNames, name => Assert.Contains(name, principals));
    }

    [Fact]
    public async Task Csv_quotes_a_name_with_a_line_break_and_keeps_it_exact()
    {
        var output = Path.Combine(_dir, "report.csv");
        var result = await CliRunner.RunAsync("audit", "--credential-report", WriteReport(), "--as-of", "2026-11-28T09:00:00Z", "--format", "csv", "-o", output);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var csv = File.ReadAllText(output);
        Assert.Contains("\"cr\rfake\"", csv);
        Assert.Contains("rlo\u202egnp.exe", csv);
        AssertNoUnsafeCharacters(result.Stderr, "stderr");
    }

    [Fact]
    public async Task Html_encodes_markup_and_writes_no_raw_escape_character()
    {
        var output = Path.Combine(_dir, "report.html");
        var result = await CliRunner.RunAsync("audit", "--credential-report", WriteReport(), "--as-of", "2026-11-28T09:00:00Z", "--format", "html", "-o", output);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var html = File.ReadAllText(output);
        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u0007', html);
        Assert.DoesNotContain('\u009b', html);
        Assert.Contains(@"evil\u001b]0;pwned\u0007\u001b[2K", html);
        Assert.Contains("rlo\u202egnp.exe", html); // valid HTML text: kept exact
    }

    [Fact]
    public async Task An_error_quoting_a_hostile_cell_stays_one_escaped_line()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, Header
            + "alice,arn:aws:iam::111122223333:user/alice,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "\"tr\u001b]0;x\u0007\nue\",N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");

        var result = await CliRunner.RunAsync("audit", "--credential-report", path);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        AssertNoUnsafeCharacters(result.Stderr, "stderr");
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(@"found 'tr\u001b]0;x\u0007\u000aue'", result.Stderr);
    }

    [Fact]
    public async Task A_muting_reason_from_the_exceptions_file_is_escaped_in_the_table()
    {
        var exceptions = Path.Combine(_dir, "exceptions.yaml");
        File.WriteAllText(exceptions, "exceptions:\n  - principal: \"bell*\"\n    reason: \"ticket \\e[31mSEC-1\\a\"\n    expires: 2027-01-31\n");

        var result = await CliRunner.RunAsync("audit", "--credential-report", WriteReport(), "--as-of", "2026-11-28T09:00:00Z", "--all", "--exceptions", exceptions);

        AssertNoUnsafeCharacters(result.Stdout, "stdout");
        AssertNoUnsafeCharacters(result.Stderr, "stderr");
        Assert.Contains(@"ticket \u001b[31mSEC-1\u0007", result.Stdout);
    }

    [Fact]
    public async Task The_escaped_table_matches_its_expectation_file()
    {
        // Passing users (one active key each) with hostile names and services: the rows without decision text.
        var rows = HostileNames.Select((name, i) =>
            $"\"{name.Replace("\"", "\"\"")}\",arn:aws:iam::111122223333:user/u{i},2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2026-10-01T00:00:00+00:00,2026-11-27T00:00:00+00:00,us-east-1,\"s\u202e3\",false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        var path = Path.Combine(_dir, "passing.csv");
        File.WriteAllText(path, Header + string.Concat(rows));

        var result = await CliRunner.RunAsync("audit", "--credential-report", path, "--as-of", "2026-11-28T09:00:00Z", "--all");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Expectation.Matches("hostile-names.table.txt", result.Stdout.Replace(path, "passing.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_debug_trace_keeps_its_lines_while_the_error_line_stays_one_line()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "nope\u001b\n");

        var result = await CliRunner.RunAsync("audit", "--credential-report", path, "--debug");

        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith("keywarden: error: ", lines[0]);
        Assert.True(lines.Length > 3, "the stack trace is written line by line");
        Assert.Contains(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        AssertNoUnsafeCharacters(result.Stderr, "stderr");
    }
}
