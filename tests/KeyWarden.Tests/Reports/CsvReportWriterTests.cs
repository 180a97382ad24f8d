using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

public class CsvReportWriterTests
{
    private static string Render(KeyWarden.Audit.AuditReport report)
    {
        var output = new StringWriter();
        new CsvReportWriter().Write(report, output);
        return output.ToString();
    }

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.csv", Render(TestData.SampleReport()));
    }

    [Fact]
    public void Output_reads_back_as_csv_with_one_row_per_key()
    {
        var csv = Render(TestData.SampleReport());
        var records = new List<List<string>>();
        var reader = new CsvRecordReader(new StringReader(csv), "report.csv");
        while (reader.Next() is { } record)
        {
            records.Add(record.Fields);
        }

        var header = records[0];
        Assert.Equal(CsvReportWriter.Columns, header);
        Assert.All(records, r => Assert.Equal(header.Count, r.Count));

        var principal = header.IndexOf("principal");
        var action = header.IndexOf("keyAction");
        var slot = header.IndexOf("keySlot");
        var svc = records.Where(r => r[principal] == "svc,reporting").ToList();
        Assert.Equal(2, svc.Count);
        Assert.Equal("deactivate", svc.Single(r => r[slot] == "1")[action]);
        Assert.Equal("keep", svc.Single(r => r[slot] == "2")[action]);

        // A principal without keys still has its row.
        Assert.Single(records, r => r[principal] == "grace");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData("+1", "'+1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_formula_prefixes_neutralised(string? value, string expected)
    {
        Assert.Equal(expected, CsvReportWriter.Escape(value));
    }

    [Fact]
    public void An_account_that_could_not_be_read_is_an_ERROR_row()
    {
        var rows = Render(ReportFixtures.WithUnreadableAccounts()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        Assert.Equal(3, rows.Count);
        Assert.StartsWith("iam-single-active-access-key,111122223333,aws,alice,", rows[0]);
        Assert.StartsWith("iam-single-active-access-key,444455556666,aws-us-gov,(account could not be read),arn:aws-us-gov:iam::444455556666:root,false,ERROR,", rows[1]);
        Assert.Contains("could not evaluate the account: AccessDenied: not authorized to perform iam:GenerateCredentialReport", rows[1]);
        Assert.EndsWith(",auto,", rows[1]);
        Assert.StartsWith("iam-single-active-access-key,,,(account could not be read),arn:aws:iam::000000000000:root,false,ERROR,", rows[2]);
        Assert.Contains("connection refused", rows[2]);
    }
}
