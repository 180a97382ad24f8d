using System.Text;
using System.Text.Json.Nodes;
using KeyWarden.Publishing;

namespace KeyWarden.Tests.Publishing;

public sealed class FindingBatchesTests
{
    private static JsonObject Finding(int i, int padding = 0) => new() { ["Id"] = $"kw/{i}", ["Description"] = new string('x', padding) };

    private static int Bytes(IEnumerable<JsonObject> batch) => Encoding.UTF8.GetByteCount(new JsonArray(batch.Select(f => (JsonNode)f.DeepClone()).ToArray()).ToJsonString());

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(100, new[] { 100 })]
    [InlineData(101, new[] { 100, 1 })]
    [InlineData(250, new[] { 100, 100, 50 })]
    public void At_most_100_findings_a_call_in_order(int count, int[] sizes)
    {
        var (batches, oversized) = FindingBatches.Split(Enumerable.Range(0, count).Select(i => Finding(i)));
        Assert.Equal(sizes, batches.Select(b => b.Count));
        Assert.Empty(oversized);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"kw/{i}"), batches.SelectMany(b => b).Select(f => (string?)f["Id"]));
    }

    [Fact]
    public void At_most_240_KB_of_findings_a_call()
    {
        // 30 findings of ~20 KB: 12 fit in 240 KB, so 12 + 12 + 6, though far fewer than 100.
        var findings = Enumerable.Range(0, 30).Select(i => Finding(i, 20_000)).ToList();
        var (batches, oversized) = FindingBatches.Split(findings);
        Assert.Equal([12, 12, 6], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.True(Bytes(b) <= FindingBatches.MaxBytes + 2, $"{Bytes(b)} bytes"));
        Assert.Empty(oversized);
    }

    [Fact]
    public void A_finding_over_240_KB_is_a_failure_and_never_sent()
    {
        var (batches, oversized) = FindingBatches.Split([Finding(1), Finding(2, FindingBatches.MaxBytes), Finding(3)]);
        Assert.Equal(["kw/1", "kw/3"], batches.SelectMany(b => b).Select(f => (string?)f["Id"]));
        var failure = Assert.Single(oversized);
        Assert.Equal("kw/2", failure.Id);
        Assert.Contains("240 KB", failure.Reason);
    }

    [Fact]
    public void A_finding_of_exactly_240_KB_is_sent_alone()
    {
        var exact = Finding(2, 0);
        exact["Description"] = new string('x', FindingBatches.MaxBytes - Encoding.UTF8.GetByteCount(exact.ToJsonString()));
        Assert.Equal(FindingBatches.MaxBytes, Encoding.UTF8.GetByteCount(exact.ToJsonString()));
        var (batches, oversized) = FindingBatches.Split([Finding(1), exact, Finding(3)]);
        Assert.Equal([1, 1, 1], batches.Select(b => b.Count));
        Assert.Empty(oversized);
    }
}
