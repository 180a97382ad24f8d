using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests;

public sealed class EndpointUnreachableTests
{
    [Fact]
    public async Task Closed_port_gives_a_one_line_endpoint_failure_naming_the_endpoint()
    {
        var url = $"http://127.0.0.1:{StubAwsServer.FreePort()}";
        using var client = new IamClient(new BasicAWSCredentials("AKIA1", "s"), new IamConfig { ServiceURL = url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var ex = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => client.ListUsersAsync(new ListUsersRequest()));

        Assert.Equal($"could not reach IAM endpoint {url}: connection refused", ex.Message);
        Assert.Equal(new AwsFailure(AwsFailureKind.Endpoint, "EndpointUnreachable", ex.Message), AwsErrorDescriber.Describe(ex));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_an_endpoint_failure()
    {
        using var client = new IamClient(new BasicAWSCredentials("AKIA1", "s"), new IamConfig { ServiceURL = "http://127.0.0.1:1", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListUsersAsync(new ListUsersRequest(), cts.Token));
    }
}
