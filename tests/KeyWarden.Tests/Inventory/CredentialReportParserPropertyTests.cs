using CsCheck;
using System.Text;
using KeyWarden.Audit;
using KeyWarden.Common;
using KeyWarden.Inventory;
using KeyWarden.Reports;
using KeyWarden.Tests.Properties;
using Spectre.Console.Testing;
using static KeyWarden.Tests.Inventory.CredentialReportCsv;

namespace KeyWarden.Tests.Inventory;

/// <summary>
/// Generated malformed credential reports, a fixed budget from a fixed seed: every input is either parsed (and then
/// audited and rendered without a raw control character reaching the table) or refused with a one-line
/// <see cref="CredentialReportFormatException"/> naming the source; never any other exception.
/// </summary>
public sealed class CredentialReportParserPropertyTests
{
    private const string CsvSpecials = ",\"\r\n\0";

    private static readonly string[] Samples =
    [
        File.ReadAllText(TestData.FixturePath("sample-report.csv")),
        Report(
            [.. Columns, .. ThirdSlotColumns],
            Root(cells: [.. Key(1, "true", "2024-01-01T00:00:00+00:00", "2026-05-30T00:00:00+00:00", "us-east-1", "iam")]),
            User("smith, j", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00"), .. Key(2, "true", "2026-05-20T00:00:00+00:00", "2026-11-20T00:00:00+00:00", "eu-west-1", "s3")]),
            User("quote\"d", cells: [.. Key(3, "true", "2026-11-01T00:00:00Z", "no_information")])),
    ];

    private static void ParsesOrRefusesCleanly(string text)
    {
        ParsedCredentialReport report;
        try
        {
            report = CredentialReportParser.Parse(text, "p.csv");
        }
        catch (CredentialReportFormatException e)
        {
            Assert.StartsWith("p.csv: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.DoesNotContain('\r', e.Message);
            return;
        }

        // What parses must also audit and render: the rest of the pipeline sees the same hostile values.
        var source = new SourceInfo(report.AccountId, report.Partition, SourceKind.CredentialReportFile, report.NewestTimestamp, Location: "p.csv");
        var audit = Auditor.Audit([new AccountInventory(source, report.Principals)], TestData.SingleRule, TestData.AsOf, TestData.GeneratedAt);
        var console = new TestConsole();
        console.Profile.Width = 160;
        FindingsTable.Render(console, audit, showAll: true);
        Assert.DoesNotContain(console.Output, c => c != '\n' && TerminalText.IsUnsafe(c));
    }

    [Fact]
    public void Mutated_reports_parse_or_fail_with_a_one_line_format_error() =>
        DeterministicProperty.Check(InputMutations.Mutated(Samples, CsvSpecials), ParsesOrRefusesCleanly, cases: 1500, seed: 20261202);

    [Fact]
    public void Random_text_parses_or_fails_with_a_one_line_format_error() =>
        DeterministicProperty.Check(InputMutations.RandomText(CsvSpecials), ParsesOrRefusesCleanly, cases: 3000, seed: 8);

    [Fact]
    public void Random_text_after_a_valid_header_parses_or_fails_with_a_one_line_format_error() =>
        DeterministicProperty.Check(
            InputMutations.RandomText(CsvSpecials + ",,,,truefalseN/A2026-01-01T00:00:00Z").Select(body => string.Join(',', Columns) + "\n" + body),
            ParsesOrRefusesCleanly, cases: 3000, seed: 9);

    [Fact]
    public void Corrupted_bytes_read_through_the_file_decoder_parse_or_fail_cleanly() =>
        DeterministicProperty.Check(
            InputMutations.Mutated(Samples, CsvSpecials).Select(text => Encoding.UTF8.GetBytes(text)),
            bytes =>
            {
                using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                try
                {
                    CredentialReportParser.Parse(reader, "p.csv");
                }
                catch (CredentialReportFormatException e)
                {
                    Assert.DoesNotContain('\n', e.Message);
                }
            },
            cases: 1000, seed: 10, print: bytes => Encoding.UTF8.GetString(bytes));
}
