using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using KeyWarden.Aws.SecurityHub.Internal;
using KeyWarden.Aws.SecurityHub.Model;
using KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

namespace KeyWarden.Aws.SecurityHub;

/// <summary>
/// Security Hub REST-JSON client on AWSSDK.Core: credentials, SigV4 (signing name <c>securityhub</c>), retries
/// (LimitExceededException is in the SDK's throttling codes; 5xx are retried) and endpoint configuration come from the
/// SDK; this class adds the operations. A BatchImportFindings whose answer is lost may be sent again by the SDK's
/// retry: harmless, a finding imported again with the same Id updates the one already there.
/// </summary>
public sealed class SecurityHubClient : AmazonServiceClient, ISecurityHubClient
{
    private static readonly IServiceMetadata Metadata = new SecurityHubServiceMetadata();

    /// <summary>Credentials from the SDK's default chain.</summary>
    public SecurityHubClient(SecurityHubConfig config) : base(config) { }

    public SecurityHubClient(AWSCredentials? credentials, SecurityHubConfig config) : base(credentials, config) { }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    /// <summary>Receives the secret key and session token each request signs with (for the tool's redactor).</summary>
    internal Action<string>? SecretSink { get; set; }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new SecurityHubEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SecurityHubAuthSchemeHandler());
        // Built in the base constructor, before SecretSink can be set: the handler reads it at each request.
        pipeline.AddHandlerBefore<Signer>(new SecretCaptureHandler(secret => SecretSink?.Invoke(secret)));
    }

    public Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default)
    {
        // Checked before anything is sent: the service would refuse the whole call.
        if (request?.Findings is { Count: > BatchImportFindingsRequest.MaxFindings } findings)
            throw new ArgumentException($"BatchImportFindings takes at most {BatchImportFindingsRequest.MaxFindings} findings (got {findings.Count})", nameof(request));
        return Send<BatchImportFindingsResponse>(request!, BatchImportFindingsRequestMarshaller.Instance, BatchImportFindingsResponseUnmarshaller.Instance, cancellationToken);
    }

    public Task<GetFindingsResponse> GetFindingsAsync(GetFindingsRequest request, CancellationToken cancellationToken = default) =>
        Send<GetFindingsResponse>(request, GetFindingsRequestMarshaller.Instance, GetFindingsResponseUnmarshaller.Instance, cancellationToken);

    private Task<TResponse> Send<TResponse>(AmazonWebServiceRequest request, IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
        return EndpointFailures.Translate("Security Hub", () => Config.DetermineServiceOperationEndpoint(new(request)).URL,
            () => InvokeAsync<TResponse>(request, options, cancellationToken), cancellationToken);
    }
}
