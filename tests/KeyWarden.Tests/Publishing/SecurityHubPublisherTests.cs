using System.Net;
using System.Text.Json.Nodes;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.SecurityHub.Model;
using KeyWarden.Publishing;

namespace KeyWarden.Tests.Publishing;

public sealed class SecurityHubPublisherTests
{
    private const string Hub = "111122223333";
    private const string Member = "444455556666";

    private static JsonObject Finding(string account, string user, string compliance = "FAILED", string createdAt = "2026-12-02T10:00:00Z") => new()
    {
        ["Id"] = $"keywarden/aws/{account}/iam-single-active-access-key/{user}",
        ["ProductArn"] = $"arn:aws:securityhub:us-east-1:{account}:product/{account}/default",
        ["GeneratorId"] = "keywarden/iam-single-active-access-key",
        ["AwsAccountId"] = account,
        ["CreatedAt"] = createdAt,
        ["UpdatedAt"] = createdAt,
        ["Compliance"] = new JsonObject { ["Status"] = compliance },
        ["RecordState"] = "ACTIVE",
    };

    private static (SecurityHubPublisher Publisher, Dictionary<string, FakeSecurityHub> Hubs, List<string> Opened) World(Func<string, string?>? refuse = null)
    {
        var hubs = new Dictionary<string, FakeSecurityHub> { [Hub] = new(), [Member] = new() };
        var opened = new List<string>();
        var publisher = new SecurityHubPublisher((account, _) =>
        {
            opened.Add(account);
            return Task.FromResult(refuse?.Invoke(account) is { } error ? ((ISecurityHubClient?)null, (string?)error) : (hubs[account], null));
        });
        return (publisher, hubs, opened);
    }

    [Fact]
    public async Task Each_finding_goes_into_its_own_account_once_per_account()
    {
        var (publisher, hubs, opened) = World();
        var result = await publisher.ImportAsync([Finding(Hub, "a"), Finding(Member, "b"), Finding(Hub, "c")], default);

        Assert.Equal((3, 2, 0), (result.Imported, result.Accounts, result.Archived));
        Assert.Empty(result.Failures);
        Assert.Equal([Hub, Member], opened);
        Assert.Equal(["a", "c"], hubs[Hub].Stored.Values.Select(f => ((string)f["Id"]!).Split('/')[^1]).Order());
        Assert.Equal(["b"], hubs[Member].Stored.Values.Select(f => ((string)f["Id"]!).Split('/')[^1]));
        Assert.Equal("imported 3 findings into 2 account(s) (0 archived, 0 failed)", result.Summary);
    }

    [Fact]
    public async Task Two_hundred_fifty_findings_are_three_calls_and_earlier_ones_are_read_twenty_ids_at_a_time()
    {
        var (publisher, hubs, _) = World();
        var result = await publisher.ImportAsync(Enumerable.Range(0, 250).Select(i => Finding(Hub, $"u{i}")).ToList(), default);

        Assert.Equal(250, result.Imported);
        Assert.Equal([100, 100, 50], hubs[Hub].ImportCalls);
        Assert.Equal(3, result.Calls);
        Assert.Equal(13, hubs[Hub].GetFindingsCalls); // ceil(250 / 20)
        Assert.All(hubs[Hub].Filters, f => Assert.True(f.Id!.Count <= 20));
    }

    [Fact]
    public async Task A_reimport_keeps_CreatedAt_and_archives_a_resolved_finding()
    {
        var (publisher, hubs, _) = World();
        await publisher.ImportAsync([Finding(Hub, "alice"), Finding(Hub, "bob")], default);
        var second = await publisher.ImportAsync([Finding(Hub, "alice", "PASSED", "2026-12-09T10:00:00Z"), Finding(Hub, "bob", "FAILED", "2026-12-09T10:00:00Z")], default);

        Assert.Equal((2, 1), (second.Imported, second.Archived));
        var alice = hubs[Hub].Stored.Values.Single(f => ((string)f["Id"]!).EndsWith("/alice", StringComparison.Ordinal));
        Assert.Equal(("PASSED", "ARCHIVED"), ((string?)alice["Compliance"]!["Status"], (string?)alice["RecordState"]));
        Assert.All(hubs[Hub].Stored.Values, f => Assert.Equal("2026-12-02T10:00:00Z", (string?)f["CreatedAt"]));
        Assert.All(hubs[Hub].Stored.Values, f => Assert.Equal("2026-12-09T10:00:00Z", (string?)f["UpdatedAt"]));
    }

    [Fact]
    public async Task Findings_of_another_product_under_the_same_id_are_not_taken_for_earlier_ones()
    {
        var (publisher, hubs, _) = World();
        var foreign = Finding(Hub, "alice", createdAt: "2020-01-01T00:00:00Z");
        foreign["ProductArn"] = "arn:aws:securityhub:us-east-1::product/other/default";
        hubs[Hub].Stored["foreign"] = foreign; // an emulator that ignores filters returns it anyway
        await publisher.ImportAsync([Finding(Hub, "alice")], default);
        Assert.Equal("2026-12-02T10:00:00Z", (string?)hubs[Hub].Stored[(string)Finding(Hub, "alice")["Id"]!]["CreatedAt"]);
    }

    [Fact]
    public async Task Failed_findings_are_reported_by_id_and_not_counted()
    {
        var (publisher, hubs, _) = World();
        hubs[Hub].Refuse.Add((string)Finding(Hub, "b")["Id"]!);
        var result = await publisher.ImportAsync([Finding(Hub, "a"), Finding(Hub, "b")], default);

        Assert.Equal(1, result.Imported);
        var failure = Assert.Single(result.Failures);
        Assert.Equal((string)Finding(Hub, "b")["Id"]!, failure.Id);
        Assert.Equal("InvalidInput: refused", failure.Reason);
        Assert.Equal("imported 1 findings into 1 account(s) (0 archived, 1 failed)", result.Summary);
    }

    [Fact]
    public async Task An_account_that_cannot_be_reached_fails_its_findings_and_the_others_go_on()
    {
        var (publisher, hubs, _) = World(account => account == Member ? "could not assume arn:aws:iam::444455556666:role/R: AccessDenied" : null);
        var result = await publisher.ImportAsync([Finding(Member, "x"), Finding(Member, "y"), Finding(Hub, "z")], default);

        Assert.Equal((1, 1), (result.Imported, result.Accounts));
        Assert.Equal(2, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("account 444455556666: could not assume", f.Reason));
        Assert.Single(hubs[Hub].Stored);
    }

    [Fact]
    public async Task A_call_that_fails_after_the_retries_fails_its_batch_only()
    {
        var (publisher, hubs, _) = World();
        hubs[Hub].FailImportCall = 2;
        var result = await publisher.ImportAsync(Enumerable.Range(0, 150).Select(i => Finding(Hub, $"u{i}")).ToList(), default);

        Assert.Equal(100, result.Imported);
        Assert.Equal(50, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("BatchImportFindings failed", f.Reason));
    }

    [Fact]
    public async Task A_finding_without_an_account_is_a_failure_and_nothing_is_opened()
    {
        var (publisher, _, opened) = World();
        var result = await publisher.ImportAsync([Finding("000000000000", "(account could not be read)")], default);
        Assert.Single(result.Failures);
        Assert.Empty(opened);
        Assert.Equal(0, result.Accounts);
    }

    /// <summary>Security Hub's behaviour for these two calls: an import by Id replaces, GetFindings filters by Id.</summary>
    private sealed class FakeSecurityHub : ISecurityHubClient
    {
        public Dictionary<string, JsonObject> Stored { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Refuse { get; } = new(StringComparer.Ordinal);

        public List<int> ImportCalls { get; } = [];

        public List<AwsSecurityFindingFilters> Filters { get; } = [];

        public int GetFindingsCalls { get; private set; }

        /// <summary>The 1-based import call that throws (as after the SDK's retries), or 0.</summary>
        public int FailImportCall { get; set; }

        public Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default)
        {
            ImportCalls.Add(request.Findings.Count);
            if (ImportCalls.Count == FailImportCall)
            {
                throw new InternalException("Internal server error", null, Amazon.Runtime.ErrorType.Receiver, InternalException.Code, "r", HttpStatusCode.InternalServerError);
            }

            var response = new BatchImportFindingsResponse();
            foreach (var finding in request.Findings)
            {
                var id = (string)finding["Id"]!;
                if (Refuse.Contains(id))
                {
                    response.FailedFindings.Add(new ImportFindingsError { Id = id, ErrorCode = "InvalidInput", ErrorMessage = "refused" });
                    continue;
                }

                Stored[id] = (JsonObject)finding.DeepClone();
                response.SuccessCount++;
            }

            response.FailedCount = response.FailedFindings.Count;
            return Task.FromResult(response);
        }

        public Task<GetFindingsResponse> GetFindingsAsync(GetFindingsRequest request, CancellationToken cancellationToken = default)
        {
            GetFindingsCalls++;
            Filters.Add(request.Filters!);
            var ids = request.Filters?.Id?.Select(f => f.Value).ToHashSet() ?? [];
            // Like moto: no filtering by ProductArn, so the caller's own check is exercised.
            return Task.FromResult(new GetFindingsResponse { Findings = Stored.Values.Where(f => ids.Contains((string?)f["Id"])).Select(f => (JsonObject)f.DeepClone()).ToList() });
        }

        public void Dispose()
        {
        }
    }
}
