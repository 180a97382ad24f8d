using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.SecurityHub.Internal;
using KeyWarden.Aws.SecurityHub.Model;

namespace KeyWarden.Aws.Tests.SecurityHub;

/// <summary>
/// Requests → exact REST-JSON on the wire, responses and errors → model types, checked against botocore's securityhub
/// 2018-10-26 service model (the python3 on this machine's botocore: operations' HTTP method and URI, shape members,
/// error shapes and their HTTP status).
/// </summary>
public sealed class SecurityHubClientTests
{
    private static async Task<RecordedRequest> Send(Func<SecurityHubClient, Task> call, string response = "{}")
    {
        using var server = new StubAwsServer().Respond(200, response);
        using var client = server.CreateSecurityHubClient();
        await call(client);
        return Assert.Single(server.Requests);
    }

    private static JsonObject Finding(string id) => new() { ["SchemaVersion"] = "2018-10-08", ["Id"] = id, ["Resources"] = new JsonArray(new JsonObject { ["Type"] = "AwsIamUser" }) };

    [Fact]
    public async Task BatchImportFindings_posts_the_findings_as_given_to_findings_import_signed_for_securityhub()
    {
        var request = await Send(c => c.BatchImportFindingsAsync(new BatchImportFindingsRequest { Findings = [Finding("a/1"), Finding("b \"2\"")] }),
            """{"FailedCount":0,"SuccessCount":2,"FailedFindings":[]}""");

        var model = Botocore.Operation("BatchImportFindings");
        Assert.Equal(model.Method, request.Method);
        Assert.Equal(model.RequestUri, request.Path);
        Assert.Equal("application/json", request.ContentType);
        Assert.Null(request.Header("X-Amz-Target")); // REST: the URI names the operation
        Assert.Contains("/us-east-1/securityhub/aws4_request", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["Findings"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Botocore.Members("BatchImportFindingsRequest"), ["Findings"]);
        var findings = body.RootElement.GetProperty("Findings").EnumerateArray().ToList();
        Assert.Equal(["a/1", "b \"2\""], findings.Select(f => f.GetProperty("Id").GetString()));
        Assert.Equal(Finding("a/1").ToJsonString(), findings[0].GetRawText()); // written through, member for member
    }

    [Fact]
    public async Task BatchImportFindings_with_more_than_100_findings_throws_before_sending()
    {
        using var server = new StubAwsServer();
        using var client = server.CreateSecurityHubClient();
        var request = new BatchImportFindingsRequest { Findings = Enumerable.Range(0, 101).Select(i => Finding($"f{i}")).ToList() };
        await Assert.ThrowsAsync<ArgumentException>(() => client.BatchImportFindingsAsync(request));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task BatchImportFindings_reads_counts_and_every_failed_finding()
    {
        using var server = new StubAwsServer().Respond(200,
            """{"FailedCount":1,"SuccessCount":2,"FailedFindings":[{"Id":"kw/1","ErrorCode":"InvalidInput","ErrorMessage":"Finding size exceeded 240 KB."}],"Extra":1}""");
        using var client = server.CreateSecurityHubClient();
        var response = await client.BatchImportFindingsAsync(new BatchImportFindingsRequest { Findings = [Finding("kw/1")] });

        Assert.Equal(1, response.FailedCount);
        Assert.Equal(2, response.SuccessCount);
        var failed = Assert.Single(response.FailedFindings);
        Assert.Equal(("kw/1", "InvalidInput", "Finding size exceeded 240 KB."), (failed.Id, failed.ErrorCode, failed.ErrorMessage));
        Assert.Equal(Botocore.Members("ImportFindingsError").Order(), new[] { "ErrorCode", "ErrorMessage", "Id" });
        Assert.Equal(Botocore.Members("BatchImportFindingsResponse").Order(), new[] { "FailedCount", "FailedFindings", "SuccessCount" });
    }

    [Fact]
    public async Task GetFindings_posts_filters_token_and_page_size_to_findings()
    {
        var request = await Send(c => c.GetFindingsAsync(new GetFindingsRequest
        {
            Filters = new AwsSecurityFindingFilters
            {
                Id = [StringFilter.EqualTo("kw/1"), StringFilter.EqualTo("kw/2")],
                ProductArn = [StringFilter.EqualTo("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default")],
                GeneratorId = [StringFilter.EqualTo("keywarden/iam-single-active-access-key")],
            },
            NextToken = "tok-2",
            MaxResults = 100,
        }), """{"Findings":[]}""");

        var model = Botocore.Operation("GetFindings");
        Assert.Equal(model.Method, request.Method);
        Assert.Equal(model.RequestUri, request.Path);
        Assert.Equal(
            """{"Filters":{"Id":[{"Value":"kw/1","Comparison":"EQUALS"},{"Value":"kw/2","Comparison":"EQUALS"}],"ProductArn":[{"Value":"arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default","Comparison":"EQUALS"}],"GeneratorId":[{"Value":"keywarden/iam-single-active-access-key","Comparison":"EQUALS"}]},"NextToken":"tok-2","MaxResults":100}""",
            request.Body);
        // Every member sent is one the model has, under the same name.
        Assert.Subset(Botocore.Members("GetFindingsRequest").ToHashSet(), new HashSet<string> { "Filters", "NextToken", "MaxResults" });
        Assert.Subset(Botocore.Members("AwsSecurityFindingFilters").ToHashSet(), new HashSet<string> { "Id", "ProductArn", "GeneratorId", "AwsAccountId", "RecordState" });
        Assert.Equal(new[] { "Comparison", "Value" }, Botocore.Members("StringFilter").Order());
        Assert.Contains("EQUALS", Botocore.Enum("StringFilterComparison"));
    }

    [Fact]
    public async Task GetFindings_without_parameters_sends_an_empty_object()
    {
        var request = await Send(c => c.GetFindingsAsync(new GetFindingsRequest()), """{"Findings":[]}""");
        Assert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task GetFindings_returns_each_finding_whole_and_the_next_token()
    {
        using var server = new StubAwsServer().Respond(200,
            """{"Findings":[{"Id":"kw/1","CreatedAt":"2026-01-01T00:00:00Z","Compliance":{"Status":"FAILED"},"RecordState":"ACTIVE"}],"NextToken":"n2"}""");
        using var client = server.CreateSecurityHubClient();
        var response = await client.GetFindingsAsync(new GetFindingsRequest());

        var finding = Assert.Single(response.Findings);
        Assert.Equal("kw/1", (string?)finding["Id"]);
        Assert.Equal("2026-01-01T00:00:00Z", (string?)finding["CreatedAt"]);
        Assert.Equal("FAILED", (string?)finding["Compliance"]!["Status"]);
        Assert.Equal("n2", response.NextToken);
    }

    [Fact]
    public async Task GetFindings_last_page_has_no_token()
    {
        using var server = new StubAwsServer().Respond(200, """{"Findings":[],"NextToken":null}""");
        using var client = server.CreateSecurityHubClient();
        var response = await client.GetFindingsAsync(new GetFindingsRequest());
        Assert.Empty(response.Findings);
        Assert.Null(response.NextToken);
    }

    [Theory]
    [InlineData("InternalException", typeof(InternalException))]
    [InlineData("InvalidInputException", typeof(InvalidInputException))]
    [InlineData("InvalidAccessException", typeof(InvalidAccessException))]
    [InlineData("LimitExceededException", typeof(LimitExceededException))]
    [InlineData("AccessDeniedException", typeof(AccessDeniedException))]
    public async Task Every_modeled_error_becomes_its_exception_with_the_model_status(string code, Type expected)
    {
        var status = Botocore.ErrorStatus(code);
        // Security Hub names the code in the body's Code member and in x-amzn-ErrorType.
        using var server = new StubAwsServer().Respond(status, $$"""{"Code":"{{code}}","Message":"it said {{code}}"}""",
            new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-1" });
        using var client = server.CreateSecurityHubClient();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => client.BatchImportFindingsAsync(new BatchImportFindingsRequest { Findings = [Finding("x")] }));

        Assert.IsType(expected, e);
        var service = Assert.IsAssignableFrom<AmazonSecurityHubException>(e);
        Assert.Equal(code, service.ErrorCode);
        Assert.Equal($"it said {code}", service.Message);
        Assert.Equal((HttpStatusCode)status, service.StatusCode);
        Assert.Equal("req-1", service.RequestId);
    }

    [Fact]
    public async Task A_type_in_the_error_header_names_the_code()
    {
        using var server = new StubAwsServer().Respond(401, """{"message":"Account 111122223333 is not subscribed to AWS Security Hub"}""",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "InvalidAccessException:http://internal.amazon.com/coral/com.amazonaws.securityhub/" });
        using var client = server.CreateSecurityHubClient();
        var e = await Assert.ThrowsAsync<InvalidAccessException>(() => client.GetFindingsAsync(new GetFindingsRequest()));
        Assert.Contains("not subscribed", e.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_service_failure_with_its_status()
    {
        using var server = new StubAwsServer().Respond(502, "<html>Bad gateway</html>");
        using var client = server.CreateSecurityHubClient();
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.GetFindingsAsync(new GetFindingsRequest()));
        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Equal(AwsFailureKind.Service, AwsErrorDescriber.Describe(e)!.Kind);
    }

    [Fact]
    public async Task Throttling_and_5xx_are_retried_then_the_call_succeeds()
    {
        using var server = new StubAwsServer()
            .Respond(429, """{"Code":"LimitExceededException","Message":"Rate exceeded"}""")
            .Respond(500, """{"Code":"InternalException","Message":"oops"}""")
            .Respond(200, """{"FailedCount":0,"SuccessCount":1,"FailedFindings":[]}""");
        using var client = server.CreateSecurityHubClient(maxErrorRetry: 3);
        var response = await client.BatchImportFindingsAsync(new BatchImportFindingsRequest { Findings = [Finding("x")] });
        Assert.Equal(1, response.SuccessCount);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(server.Requests[0].Body, r.Body)); // the same findings each time
    }

    [Fact]
    public async Task Invalid_input_is_not_retried()
    {
        using var server = new StubAwsServer().Respond(400, """{"Code":"InvalidInputException","Message":"bad"}""");
        using var client = server.CreateSecurityHubClient(maxErrorRetry: 3);
        await Assert.ThrowsAsync<InvalidInputException>(() => client.GetFindingsAsync(new GetFindingsRequest()));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("eu-west-1", "https://securityhub.eu-west-1.amazonaws.com")]
    [InlineData("cn-north-1", "https://securityhub.cn-north-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "https://securityhub.us-gov-west-1.amazonaws.com")]
    public void The_endpoint_is_regional_in_every_partition(string region, string url)
    {
        var endpoint = new SecurityHubEndpointProvider().ResolveEndpoint(new SecurityHubEndpointParameters { Region = region, UseFIPS = false });
        Assert.Equal(url, endpoint.URL);
    }

    [Fact]
    public void An_unknown_region_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => new SecurityHubEndpointProvider().ResolveEndpoint(new SecurityHubEndpointParameters { Region = "mars-east-1", UseFIPS = false }));
    }

    /// <summary>botocore's securityhub service-2.json from this machine's python3.</summary>
    private static class Botocore
    {
        private static readonly Lazy<JsonDocument> Model = new(Load);

        public static (string Method, string RequestUri) Operation(string name)
        {
            var http = Model.Value.RootElement.GetProperty("operations").GetProperty(name).GetProperty("http");
            return (http.GetProperty("method").GetString()!, http.GetProperty("requestUri").GetString()!);
        }

        public static IReadOnlyList<string> Members(string shape) =>
            Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject().Select(p => p.Name).ToList();

        public static IReadOnlyList<string> Enum(string shape) =>
            Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();

        public static int ErrorStatus(string shape) =>
            Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("error").GetProperty("httpStatusCode").GetInt32();

        private static JsonDocument Load()
        {
            var psi = new System.Diagnostics.ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]) { RedirectStandardOutput = true };
            using var process = System.Diagnostics.Process.Start(psi)!;
            var dir = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            var path = Path.Combine(dir, "data", "securityhub", "2018-10-26", "service-2.json");
            Stream stream = File.Exists(path) ? File.OpenRead(path) : new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress);
            using (stream)
            {
                return JsonDocument.Parse(stream);
            }
        }
    }
}
