using System.Net;
using System.Net.Sockets;
using KeyWarden.Aws;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Aws;

/// <summary>A closed port on 127.0.0.1 needs no emulator: these always run.</summary>
public sealed class EndpointUnreachableEmulatorTests
{
    private static string ClosedPortUrl()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}";
    }

    [Fact]
    public async Task Iam_and_sts_on_a_closed_port_are_one_line_endpoint_failures()
    {
        var url = ClosedPortUrl();
        using var connection = new MotoServer(url).CreateConnection();

        var iamError = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => connection.Iam.ListUsersAsync(new ListUsersRequest()));
        var stsError = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => connection.Sts.GetCallerIdentityAsync());

        Assert.Equal(new AwsFailure(AwsFailureKind.Endpoint, "EndpointUnreachable", $"could not reach IAM endpoint {url}: connection refused"), AwsErrorDescriber.Describe(iamError));
        Assert.Equal(new AwsFailure(AwsFailureKind.Endpoint, "EndpointUnreachable", $"could not reach STS endpoint {url}: connection refused"), AwsErrorDescriber.Describe(stsError));
    }
}
