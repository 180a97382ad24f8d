using System.Collections.ObjectModel;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;
using KeyWarden.Aws.Organizations.Internal;

namespace KeyWarden.Aws.Organizations;

/// <summary>Configuration for <see cref="OrganizationsClient"/>, shaped like the AWS SDK's generated service configs.</summary>
public sealed class OrganizationsConfig : ClientConfig
{
    private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString("Organizations", "keywarden");
    private static readonly OrganizationsEndpointResolver EndpointResolver = new();

    /// <summary>botocore's serviceId (also the AWS_ENDPOINT_URL_ORGANIZATIONS suffix).</summary>
    public new static string ServiceId => "Organizations";

    public OrganizationsConfig()
        : base(new DefaultConfigurationProvider(AllDefaultConfigurations()))
    {
        base.ServiceId = ServiceId;
        AuthenticationServiceName = "organizations";
        EndpointProvider = new OrganizationsEndpointProvider();
    }

    public override string RegionEndpointServiceName => "organizations";

    public override string ServiceVersion => "2016-11-28";

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
