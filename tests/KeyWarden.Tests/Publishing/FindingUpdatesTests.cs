using System.Text.Json.Nodes;
using KeyWarden.Publishing;

namespace KeyWarden.Tests.Publishing;

public sealed class FindingUpdatesTests
{
    private static JsonObject Finding(string compliance) => new()
    {
        ["Id"] = "kw/aws/111122223333/rule/alice",
        ["CreatedAt"] = "2026-12-02T10:00:00Z",
        ["UpdatedAt"] = "2026-12-02T10:00:00Z",
        ["Compliance"] = new JsonObject { ["Status"] = compliance },
        ["RecordState"] = "ACTIVE",
    };

    [Fact]
    public void A_new_finding_is_imported_as_written()
    {
        var original = Finding("FAILED");
        var (updated, archived) = FindingUpdates.Apply(original, null);
        Assert.False(archived);
        Assert.True(JsonNode.DeepEquals(original, updated));
        Assert.NotSame(original, updated);
    }

    [Fact]
    public void An_earlier_finding_keeps_its_CreatedAt_and_UpdatedAt_is_this_run()
    {
        var (updated, archived) = FindingUpdates.Apply(Finding("FAILED"), new EarlierFinding("kw/…", "2026-01-05T08:00:00Z", "FAILED", "ACTIVE"));
        Assert.False(archived);
        Assert.Equal("2026-01-05T08:00:00Z", (string?)updated["CreatedAt"]);
        Assert.Equal("2026-12-02T10:00:00Z", (string?)updated["UpdatedAt"]);
        Assert.Equal("ACTIVE", (string?)updated["RecordState"]);
    }

    [Theory]
    [InlineData("FAILED", "ACTIVE", true)]
    [InlineData("WARNING", "ACTIVE", true)]
    [InlineData("NOT_AVAILABLE", "ACTIVE", true)]
    [InlineData("FAILED", "ARCHIVED", false)]
    [InlineData("PASSED", "ARCHIVED", false)]
    public void A_pass_that_failed_before_or_was_archived_is_archived(string earlierStatus, string earlierRecord, bool archivedNow)
    {
        var (updated, archived) = FindingUpdates.Apply(Finding("PASSED"), new EarlierFinding("kw/…", "2026-01-05T08:00:00Z", earlierStatus, earlierRecord));
        Assert.Equal(archivedNow, archived); // one archived already is not counted again
        Assert.Equal("ARCHIVED", (string?)updated["RecordState"]);
        Assert.Equal("PASSED", (string?)updated["Compliance"]!["Status"]);
    }

    [Fact]
    public void A_pass_that_passed_before_stays_active()
    {
        var (updated, archived) = FindingUpdates.Apply(Finding("PASSED"), new EarlierFinding("kw/…", "2026-01-05T08:00:00Z", "PASSED", "ACTIVE"));
        Assert.False(archived);
        Assert.Equal("ACTIVE", (string?)updated["RecordState"]);
    }

    [Fact]
    public void A_failure_again_after_an_archive_is_active_again()
    {
        var (updated, archived) = FindingUpdates.Apply(Finding("FAILED"), new EarlierFinding("kw/…", "2026-01-05T08:00:00Z", "PASSED", "ARCHIVED"));
        Assert.False(archived);
        Assert.Equal("ACTIVE", (string?)updated["RecordState"]);
    }
}
