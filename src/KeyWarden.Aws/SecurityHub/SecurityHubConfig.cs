using System.Collections.ObjectModel;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;
using KeyWarden.Aws.SecurityHub.Internal;

namespace KeyWarden.Aws.SecurityHub;

/// <summary>Configuration for <see cref="SecurityHubClient"/>, shaped like the AWS SDK's generated service configs.</summary>
public sealed class SecurityHubConfig : ClientConfig
{
    private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString("SecurityHub", "keywarden");
    private static readonly SecurityHubEndpointResolver EndpointResolver = new();

    /// <summary>botocore's serviceId (also the AWS_ENDPOINT_URL_SECURITYHUB suffix).</summary>
    public new static string ServiceId => "SecurityHub";

    public SecurityHubConfig()
        : base(new DefaultConfigurationProvider(AllDefaultConfigurations()))
    {
        base.ServiceId = ServiceId;
        AuthenticationServiceName = "securityhub";
        EndpointProvider = new SecurityHubEndpointProvider();
    }

    public override string RegionEndpointServiceName => "securityhub";

    public override string ServiceVersion => "2018-10-26";

    public override string UserAgent => UserAgentString;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return EndpointResolver.GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }

    // The same values the SDK generates for every service; only the connect timeouts differ by mode.
    private static ReadOnlyCollection<IDefaultConfiguration> AllDefaultConfigurations()
    {
        static IDefaultConfiguration Mode(DefaultConfigurationMode name, double connectTimeoutMs) => new DefaultConfiguration
        {
            Name = name,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            TimeToFirstByteTimeout = null,
            HttpRequestTimeout = null,
        };

        return new ReadOnlyCollection<IDefaultConfiguration>(
        [
            Mode(DefaultConfigurationMode.Standard, 3100),
            Mode(DefaultConfigurationMode.InRegion, 1100),
            Mode(DefaultConfigurationMode.CrossRegion, 3100),
            Mode(DefaultConfigurationMode.Mobile, 30000),
            Mode(DefaultConfigurationMode.Auto, 1100),
        ]);
    }
}
