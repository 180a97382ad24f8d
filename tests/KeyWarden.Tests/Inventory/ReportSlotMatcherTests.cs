using KeyWarden.Aws.Iam.Model;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

public sealed class ReportSlotMatcherTests
{
    private static readonly DateTimeOffset Created1 = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created2 = new(2026, 10, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Used = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static AccessKeyMetadata Listed(string id, DateTimeOffset created, string status = "Active") =>
        new() { UserName = "bob", AccessKeyId = id, Status = status, CreateDate = created.UtcDateTime };

    private static AccessKey Slot(int slot, DateTimeOffset rotated, DateTimeOffset? used, string? service = "s3") =>
        new(null, slot, KeyStatus.Active, rotated, used, used is null ? null : service, used is null ? null : "us-east-1")
        {
            LastUsedSource = LastUseSource.CredentialReport,
        };

    [Fact]
    public void Each_key_takes_the_slot_with_its_creation_second_whatever_the_slot_order()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA2", Created2.AddMilliseconds(400))],
            [Slot(1, Created2, Used), Slot(2, Created1, null)]);

        Assert.Equal("AKIA1", placed[0]!.Id);
        Assert.Null(placed[0]!.LastUsedAt);
        Assert.Equal(Used, placed[1]!.LastUsedAt);
        Assert.Equal("s3", placed[1]!.LastUsedService);
        Assert.Equal("us-east-1", placed[1]!.LastUsedRegion);
        Assert.All(placed, k => Assert.Equal(LastUseSource.CredentialReport, k!.LastUsedSource));
    }

    [Fact]
    public void Status_and_creation_come_from_the_live_listing_not_the_report()
    {
        var placed = ReportSlotMatcher.Place([Listed("AKIA1", Created1, "Inactive")], [Slot(1, Created1, Used)]);

        Assert.Equal(KeyStatus.Inactive, placed[0]!.Status);
        Assert.Null(placed[0]!.Slot);
    }

    [Fact]
    public void Two_keys_of_one_second_with_different_last_use_cannot_be_placed()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA2", Created1)],
            [Slot(1, Created1, Used), Slot(2, Created1, null)]);

        Assert.All(placed, Assert.Null);
    }

    [Fact]
    public void Two_keys_of_one_second_with_the_same_last_use_take_it_both()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA2", Created1)],
            [Slot(1, Created1, Used), Slot(2, Created1, Used)]);

        Assert.All(placed, k => Assert.Equal(Used, k!.LastUsedAt));
    }

    [Fact]
    public void Same_date_but_a_different_service_is_different_evidence()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA2", Created1)],
            [Slot(1, Created1, Used, "s3"), Slot(2, Created1, Used, "ec2")]);

        Assert.All(placed, Assert.Null);
    }

    [Fact]
    public void A_key_created_since_the_report_matches_no_slot()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA3", Created2.AddDays(30))],
            [Slot(1, Created1, Used), Slot(2, Created2, null)]);

        Assert.NotNull(placed[0]);
        Assert.Null(placed[1]);
    }

    [Fact]
    public void One_slot_for_two_keys_of_its_second_places_neither()
    {
        var placed = ReportSlotMatcher.Place(
            [Listed("AKIA1", Created1), Listed("AKIA2", Created1)],
            [Slot(1, Created1, Used)]);

        Assert.All(placed, Assert.Null);
    }
}
