using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using KeyWarden.Aws.Organizations.Internal;
using KeyWarden.Aws.Organizations.Model;
using KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

namespace KeyWarden.Aws.Organizations;

/// <summary>
/// Organizations JSON 1.1 client on AWSSDK.Core: credentials, SigV4, retries (TooManyRequestsException is in the SDK's
/// throttling codes) and endpoint configuration come from the SDK; this class adds the operations.
/// </summary>
public sealed class OrganizationsClient : AmazonServiceClient, IOrganizationsClient
{
    private static readonly IServiceMetadata Metadata = new OrganizationsServiceMetadata();

    /// <summary>Credentials from the SDK's default chain.</summary>
    public OrganizationsClient(OrganizationsConfig config) : base(config) { }

    public OrganizationsClient(AWSCredentials? credentials, OrganizationsConfig config) : base(credentials, config) { }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    /// <summary>Receives the secret key and session token each request signs with (for the tool's redactor).</summary>
    internal Action<string>? SecretSink { get; set; }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new OrganizationsEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new OrganizationsAuthSchemeHandler());
        // Built in the base constructor, before SecretSink can be set: the handler reads it at each request.
        pipeline.AddHandlerBefore<Signer>(new SecretCaptureHandler(secret => SecretSink?.Invoke(secret)));
    }

    public Task<ListAccountsResponse> ListAccountsAsync(ListAccountsRequest request, CancellationToken cancellationToken = default) =>
        Send<ListAccountsResponse>(request, ListAccountsRequestMarshaller.Instance, ListAccountsResponseUnmarshaller.Instance, cancellationToken);

    public Task<ListAccountsForParentResponse> ListAccountsForParentAsync(ListAccountsForParentRequest request, CancellationToken cancellationToken = default)
    {
        RequireParent(request?.ParentId, "ListAccountsForParent");
        return Send<ListAccountsForParentResponse>(request!, ListAccountsForParentRequestMarshaller.Instance, ListAccountsForParentResponseUnmarshaller.Instance, cancellationToken);
    }

    public Task<ListOrganizationalUnitsForParentResponse> ListOrganizationalUnitsForParentAsync(ListOrganizationalUnitsForParentRequest request, CancellationToken cancellationToken = default)
    {
        RequireParent(request?.ParentId, "ListOrganizationalUnitsForParent");
        return Send<ListOrganizationalUnitsForParentResponse>(request!, ListOrganizationalUnitsForParentRequestMarshaller.Instance, ListOrganizationalUnitsForParentResponseUnmarshaller.Instance, cancellationToken);
    }

    public Task<DescribeOrganizationResponse> DescribeOrganizationAsync(DescribeOrganizationRequest request, CancellationToken cancellationToken = default) =>
        Send<DescribeOrganizationResponse>(request, DescribeOrganizationRequestMarshaller.Instance, DescribeOrganizationResponseUnmarshaller.Instance, cancellationToken);

    // Checked before anything is sent (the marshaller checks again), so a missing parent never reaches the wire.
    private static void RequireParent(string? parentId, string operation)
    {
        if (string.IsNullOrWhiteSpace(parentId))
            throw new ArgumentException($"{operation} requires ParentId (a root r-… or an OU ou-…)", "request");
    }

    private Task<TResponse> Send<TResponse>(AmazonWebServiceRequest request, IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
        return EndpointFailures.Translate("Organizations", () => Config.DetermineServiceOperationEndpoint(new(request)).URL,
            () => InvokeAsync<TResponse>(request, options, cancellationToken), cancellationToken);
    }
}
