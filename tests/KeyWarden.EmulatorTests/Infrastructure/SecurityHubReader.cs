using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.SecurityHub.Model;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>What moto's Security Hub holds for one account: read with the product's client, every page.</summary>
public static class SecurityHubReader
{
    /// <summary>Every finding of the account <paramref name="proxy"/> pins (its x-moto-account-id), by Id.</summary>
    public static async Task<Dictionary<string, JsonObject>> FindingsAsync(FaultProxy proxy, CancellationToken cancellationToken = default)
    {
        using var client = new SecurityHubClient(
            new BasicAWSCredentials(MotoCredentials.Anonymous.AccessKeyId, MotoCredentials.Anonymous.SecretAccessKey),
            new SecurityHubConfig { ServiceURL = proxy.Url, AuthenticationRegion = MotoServer.Region, MaxErrorRetry = 0 });
        var findings = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var request = new GetFindingsRequest { MaxResults = 100 };
        do
        {
            var page = await client.GetFindingsAsync(request, cancellationToken);
            foreach (var finding in page.Findings)
            {
                findings[(string)finding["Id"]!] = finding;
            }

            request.NextToken = page.NextToken;
        }
        while (request.NextToken is not null);
        return findings;
    }

    /// <summary>EnableSecurityHub (POST /accounts) in the account <paramref name="proxy"/> pins: what an account does before importing.</summary>
    public static async Task EnableAsync(FaultProxy proxy, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, proxy.Url + "/accounts")
        {
            Content = new StringContent("""{"EnableDefaultStandards":false}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={MotoCredentials.Anonymous.AccessKeyId}/20260101/{MotoServer.Region}/securityhub/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
