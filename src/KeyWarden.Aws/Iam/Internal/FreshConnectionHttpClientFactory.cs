using System.Net;
using System.Net.Http;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Internal;

/// <summary>
/// HTTP for state-changing calls: every request on a connection of its own. .NET's connection pool resends a
/// request by itself when a reused connection fails before any answer arrives — invisible to the SDK and to us,
/// and for UpdateAccessKey a second change (it would undo a reactivation someone made in between). A new
/// connection per request takes that resend away; these calls are few (one per remediation step).
/// </summary>
internal sealed class FreshConnectionHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            // Zero: a connection is never returned to the pool, so no request is ever sent on a used one.
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectTimeout = clientConfig.ConnectTimeout ?? TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100),
        };
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    // Null: cached per SDK client, disposed with it.
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
