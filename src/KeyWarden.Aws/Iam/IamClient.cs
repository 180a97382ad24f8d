using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using KeyWarden.Aws.Iam.Internal;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

namespace KeyWarden.Aws.Iam;

/// <summary>
/// IAM Query-protocol client on AWSSDK.Core: credentials, SigV4, retries (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS)
/// and endpoint configuration come from the SDK; this class adds the operations.
/// </summary>
public sealed class IamClient : AmazonServiceClient, IIamClient
{
    private static readonly IServiceMetadata Metadata = new IamServiceMetadata();

    /// <summary>Credentials from the SDK's default chain.</summary>
    public IamClient(IamConfig config) : base(config) { }

    public IamClient(AWSCredentials? credentials, IamConfig config) : base(credentials, config) { }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    /// <summary>Receives the secret key and session token each request signs with (for the tool's redactor).</summary>
    internal Action<string>? SecretSink { get; set; }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new IamEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new IamAuthSchemeHandler());
        // Built in the base constructor, before SecretSink can be set: the handler reads it at each request.
        pipeline.AddHandlerBefore<Signer>(new SecretCaptureHandler(secret => SecretSink?.Invoke(secret)));
    }

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) =>
        Send<ListUsersResponse>(request, ListUsersRequestMarshaller.Instance, ListUsersResponseUnmarshaller.Instance, cancellationToken);

    public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) =>
        Send<ListAccessKeysResponse>(request, ListAccessKeysRequestMarshaller.Instance, ListAccessKeysResponseUnmarshaller.Instance, cancellationToken);

    public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) =>
        Send<GetAccessKeyLastUsedResponse>(request, GetAccessKeyLastUsedRequestMarshaller.Instance, GetAccessKeyLastUsedResponseUnmarshaller.Instance, cancellationToken);

    public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default)
    {
        // Checked before anything is sent (the marshaller checks again): without UserName IAM would act on the caller's own key.
        UpdateAccessKeyRequestValidator.Validate(request);
        return Send<UpdateAccessKeyResponse>(request, UpdateAccessKeyRequestMarshaller.Instance, UpdateAccessKeyResponseUnmarshaller.Instance, cancellationToken);
    }

    public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        Send<GenerateCredentialReportResponse>(request, GenerateCredentialReportRequestMarshaller.Instance, GenerateCredentialReportResponseUnmarshaller.Instance, cancellationToken);

    public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        Send<GetCredentialReportResponse>(request, GetCredentialReportRequestMarshaller.Instance, GetCredentialReportResponseUnmarshaller.Instance, cancellationToken);

    public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) =>
        Send<GetAccountSummaryResponse>(request, GetAccountSummaryRequestMarshaller.Instance, GetAccountSummaryResponseUnmarshaller.Instance, cancellationToken);

    private Task<TResponse> Send<TResponse>(AmazonWebServiceRequest request, IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
        return EndpointFailures.Translate("IAM", () => Config.DetermineServiceOperationEndpoint(new(request)).URL,
            () => InvokeAsync<TResponse>(request, options, cancellationToken), cancellationToken);
    }
}
