using System.Text;
using KeyWarden.Audit;
using KeyWarden.Cli;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

/// <summary>
/// Every writer, fed the report read back from its JSON, writes what it wrote from the original: so the JSON carries
/// every field the writers read, for every status, unreadable and skipped accounts, many accounts and hostile names.
/// </summary>
public class SavedReportReaderTests
{
    public static TheoryData<string> Reports() => ["sample", "every-status", "unreadable-accounts", "fleet"];

    private static AuditReport Report(string name) => name switch
    {
        "sample" => TestData.SampleReport(),
        "every-status" => ReportFixtures.EveryStatus(),
        "unreadable-accounts" => ReportFixtures.WithUnreadableAccounts(),
        _ => ReportFixtures.Fleet(),
    };

    private static SavedReport ReadBack(AuditReport report)
    {
        var json = ReportFixtures.Render(new JsonReportWriter(TestData.Tool), report);
        return SavedReportReader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "report.json");
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_format_from_the_read_back_report_equals_the_original(string name)
    {
        var original = Report(name);
        var saved = ReadBack(original);

        Assert.Equal(TestData.Tool, saved.Tool);
        foreach (var (format, writer) in ReportOutput.Writers(saved.Tool, "eu-west-1"))
        {
            Assert.True(ReportFixtures.Render(writer, original) == ReportFixtures.Render(writer, saved.Report), $"{name}: {format} differs");
        }
    }

    [Fact]
    public void The_review_reason_comes_back_from_the_message()
    {
        var original = TestData.SampleReport();
        var saved = ReadBack(original);
        var reviewed = original.Findings.Where(f => f.Decision is { NeedsReview: true, ReviewReason: not null }).ToList();
        Assert.NotEmpty(reviewed);
        foreach (var finding in reviewed)
        {
            var back = saved.Report.Findings.Single(f => f.Principal == finding.Principal && f.AccountId == finding.AccountId);
            Assert.Equal(finding.Decision!.ReviewReason, back.Decision!.ReviewReason);
        }
    }

    [Fact]
    public void A_file_over_the_bound_is_refused_before_it_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.SetLength(SavedReportReader.MaxBytes + 1);
            }

            var e = Assert.Throws<KeyWardenException>(() => SavedReportReader.Read(path));
            Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
            Assert.Contains("more than a KeyWarden report can be", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
