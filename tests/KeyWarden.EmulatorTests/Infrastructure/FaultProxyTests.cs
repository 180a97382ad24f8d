using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Xml.Linq;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>The fault proxy itself: decisions replay from the seed, and each kind does what it says to a real moto.</summary>
public sealed class FaultProxyTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] values) =>
        new([KeyValuePair.Create("Version", "2010-05-08"), .. values.Select(v => KeyValuePair.Create(v.Key, v.Value))]);

    /// <summary>An unsigned IAM call (plain moto checks nothing, but routes by the credential scope of the Authorization header).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, FaultProxy proxy, params (string Key, string Value)[] values)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, proxy.Url + "/") { Content = Form(values) };
        request.Headers.TryAddWithoutValidation(
            "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAMOTOANONYMOUS000/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        return await http.SendAsync(request);
    }

    private static async Task<bool> UserExistsAsync(FaultProxy clean, string user)
    {
        using var http = new HttpClient();
        using var response = await PostAsync(http, clean, ("Action", "GetUser"), ("UserName", user));
        return response.IsSuccessStatusCode;
    }

    [Fact]
    public void Decisions_depend_only_on_seed_request_and_occurrence()
    {
        var rule = new FaultRule(null, 0.3, FaultPlan.AllKinds);
        var requests = Enumerable.Range(0, 2000).Select(i => FaultDecider.Canonical("ListAccessKeys", [KeyValuePair.Create("UserName", $"u{i}")])).ToList();

        var first = requests.Select(r => FaultDecider.Decide(42, rule, r, 1)).ToList();
        var replay = requests.AsEnumerable().Reverse().Select(r => FaultDecider.Decide(42, rule, r, 1)).Reverse().ToList();
        var otherSeed = requests.Select(r => FaultDecider.Decide(43, rule, r, 1)).ToList();
        var secondOccurrence = requests.Select(r => FaultDecider.Decide(42, rule, r, 2)).ToList();

        Assert.Equal(first, replay); // arrival order does not matter
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, secondOccurrence); // a retry of the same request gets a fresh draw
        var rate = first.Count(f => f is not null) / (double)first.Count;
        Assert.InRange(rate, 0.25, 0.35);
        Assert.All(FaultPlan.AllKinds, kind => Assert.Contains(kind, first.OfType<FaultKind>())); // every kind is drawn
        Assert.Null(FaultDecider.Decide(42, null, requests[0], 1));
        Assert.Equal(
            FaultDecider.Canonical("A", [KeyValuePair.Create("b", "1"), KeyValuePair.Create("a", "2")]),
            FaultDecider.Canonical("A", [KeyValuePair.Create("a", "2"), KeyValuePair.Create("X-Amz-Date", "20260101T000000Z"), KeyValuePair.Create("b", "1")]));
    }

    [SkippableFact]
    public async Task The_same_requests_get_the_same_faults_in_another_proxy_with_the_same_seed()
    {
        var moto = MotoEnvironment.Plain();
        var runs = new List<string>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var proxy = new FaultProxy(moto.Url, FaultPlan.Everywhere(0.5, [FaultKind.Throttling, FaultKind.InternalError]), seed: 7, motoAccountId: FaultProxy.NewAccountId());
            using var http = new HttpClient();
            var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                using var response = await PostAsync(http, proxy, ("Action", "GetUser"), ("UserName", $"nobody-{i}"));
                return $"{i}:{(int)response.StatusCode}";
            }));
            runs.Add(string.Join(",", statuses));
            Assert.Equal(40, proxy.Counters.SeenCount("GetUser"));
            Assert.Equal(40, proxy.Counters.FaultedCount() + proxy.Counters.ForwardedCount());
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Contains(":400", runs[0]);
        Assert.Contains(":500", runs[0]);
        Assert.Contains(":404", runs[0]); // forwarded: moto says NoSuchEntity
    }

    [SkippableTheory]
    [InlineData(FaultKind.Throttling, 400, "Throttling")]
    [InlineData(FaultKind.InternalError, 500, "ServiceFailure")]
    [InlineData(FaultKind.ServiceUnavailable, 503, "ServiceUnavailable")]
    public async Task Error_faults_answer_with_an_iam_error_body_and_forward_nothing(FaultKind kind, int status, string code)
    {
        var moto = MotoEnvironment.Plain();
        var account = FaultProxy.NewAccountId();
        await using var proxy = new FaultProxy(moto.Url, FaultPlan.Everywhere(1, [kind]), seed: 1, motoAccountId: account);
        await using var clean = new FaultProxy(moto.Url, motoAccountId: account);
        using var http = new HttpClient();
        var user = MotoSeeder.UniqueName("fp");

        using var response = await PostAsync(http, proxy, ("Action", "CreateUser"), ("UserName", user));
        using var again = await PostAsync(http, proxy, ("Action", "CreateUser"), ("UserName", user)); // same connection, kept alive

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status, (int)again.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("ErrorResponse", error.Name.LocalName);
        Assert.Equal("https://iam.amazonaws.com/doc/2010-05-08/", error.Name.NamespaceName);
        Assert.Equal(code, error.Descendants().Single(e => e.Name.LocalName == "Code").Value);
        Assert.Equal(2, proxy.Counters.FaultedCount(kind, "CreateUser"));
        Assert.Equal(0, proxy.Counters.ForwardedCount());
        Assert.False(await UserExistsAsync(clean, user));
    }

    [SkippableTheory]
    [InlineData(FaultKind.ResetBeforeForward, false)]
    [InlineData(FaultKind.DropResponse, true)]
    public async Task Resets_lose_the_answer_and_only_a_dropped_response_reaches_moto(FaultKind kind, bool reachesMoto)
    {
        var moto = MotoEnvironment.Plain();
        var account = FaultProxy.NewAccountId();
        await using var proxy = new FaultProxy(moto.Url, FaultPlan.Everywhere(1, [kind]), seed: 1, motoAccountId: account);
        await using var clean = new FaultProxy(moto.Url, motoAccountId: account);
        using var http = new HttpClient();
        var user = MotoSeeder.UniqueName("fp");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(http, proxy, ("Action", "CreateUser"), ("UserName", user)));

        Assert.Equal(1, proxy.Counters.FaultedCount(kind));
        Assert.Equal(reachesMoto ? 1 : 0, proxy.Counters.ForwardedCount("CreateUser"));
        Assert.Equal(reachesMoto, await UserExistsAsync(clean, user));
    }

    [SkippableFact]
    public async Task A_delay_forwards_intact_after_the_delay_and_only_for_the_chosen_actions()
    {
        var moto = MotoEnvironment.Plain();
        var plan = new FaultPlan([new FaultRule(new HashSet<string> { "CreateUser" }, 1, [FaultKind.Delay], TimeSpan.FromMilliseconds(700))]);
        await using var proxy = new FaultProxy(moto.Url, plan, seed: 1, motoAccountId: FaultProxy.NewAccountId());
        using var http = new HttpClient();
        var user = MotoSeeder.UniqueName("fp");

        var clock = Stopwatch.StartNew();
        using var created = await PostAsync(http, proxy, ("Action", "CreateUser"), ("UserName", user));
        var delayed = clock.Elapsed;
        clock.Restart();
        using var read = await PostAsync(http, proxy, ("Action", "GetUser"), ("UserName", user));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(user, await read.Content.ReadAsStringAsync());
        Assert.True(delayed >= TimeSpan.FromMilliseconds(650), $"delayed only {delayed}");
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(650), $"GetUser was delayed too: {clock.Elapsed}");
        Assert.Equal(1, proxy.Counters.FaultedCount(FaultKind.Delay));
        Assert.Equal(2, proxy.Counters.ForwardedCount());
    }

    [SkippableFact]
    public async Task The_sdk_sees_signed_requests_through_the_proxy_and_retries_are_counted()
    {
        var moto = await MotoEnvironment.AuthAsync(); // signatures verified: the proxy must forward Host and body untouched
        var plan = new FaultPlan([new FaultRule(new HashSet<string> { "GetUser" }, 0.6, [FaultKind.Throttling, FaultKind.ResetBeforeForward])]);
        await using var proxy = new FaultProxy(moto.Url, plan, seed: 3);
        using var raw = new RawIamClient(
            new Amazon.Runtime.BasicAWSCredentials(moto.Admin.AccessKeyId, moto.Admin.SecretAccessKey),
            new KeyWarden.Aws.Iam.IamConfig { ServiceURL = proxy.Url, AuthenticationRegion = MotoServer.Region, MaxErrorRetry = 9 });

        for (var i = 0; i < 10; i++)
        {
            var doc = await raw.SendAsync("GetUser"); // the caller's own user: the same request ten times
            Assert.StartsWith("kw-admin", doc.Text("UserName"), StringComparison.Ordinal);
        }

        Assert.True(proxy.Counters.FaultedCount() > 0, proxy.Counters.Summary());
        // Every throttled request is retried by the SDK (attempt=N+1); after a reset, .NET's connection pool may
        // resend on a fresh connection itself, with the same attempt number, so resets count at most once each.
        Assert.InRange(proxy.Counters.RetriedCount(), proxy.Counters.FaultedCount(FaultKind.Throttling), proxy.Counters.FaultedCount());
        Assert.Equal(proxy.Counters.SeenCount(), proxy.Counters.FaultedCount() + proxy.Counters.ForwardedCount());
        Assert.Equal(10, proxy.Counters.ForwardedCount("GetUser"));
    }
}
