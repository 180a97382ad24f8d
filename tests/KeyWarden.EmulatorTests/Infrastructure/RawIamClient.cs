using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Internal;
using KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Sends any IAM Query action through the SDK pipeline (signed, same endpoint handling as <see cref="IamClient"/>)
/// for the set-up calls the product client does not need: CreateUser, CreateAccessKey, PutUserPolicy.
/// </summary>
public sealed class RawIamClient : AmazonServiceClient
{
    public RawIamClient(AWSCredentials credentials, IamConfig config) : base(credentials, config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new IamEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new IamAuthSchemeHandler());
    }

    /// <summary>Returns the response document; IAM errors surface as the typed exceptions of KeyWarden.Aws.</summary>
    public async Task<XDocument> SendAsync(string action, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        var request = new RawRequest(action, parameters ?? new Dictionary<string, string>());
        var options = new InvokeOptions { RequestMarshaller = RawMarshaller.Instance, ResponseUnmarshaller = RawUnmarshaller.Instance };
        var response = await InvokeAsync<RawResponse>(request, options, cancellationToken);
        return response.Document;
    }

    private sealed class RawRequest(string action, IReadOnlyDictionary<string, string> parameters) : AmazonWebServiceRequest
    {
        public string Action { get; } = action;
        public IReadOnlyDictionary<string, string> Values { get; } = parameters;
    }

    public sealed class RawResponse : AmazonWebServiceResponse
    {
        public XDocument Document { get; set; } = new();
    }

    private sealed class RawMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static RawMarshaller Instance { get; } = new();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var raw = (RawRequest)input;
            IRequest request = new DefaultRequest(raw, IamConfig.ServiceId) { HttpMethod = "POST" };
            request.Parameters.Add("Action", raw.Action);
            request.Parameters.Add("Version", "2010-05-08");
            foreach (var (key, value) in raw.Values) request.Parameters.Add(key, value);
            request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
            return request;
        }
    }

    private sealed class RawUnmarshaller : XmlResponseUnmarshaller
    {
        public static RawUnmarshaller Instance { get; } = new();

        public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
        {
            using var reader = new StreamReader(context.Stream);
            return new RawResponse { Document = XDocument.Parse(reader.ReadToEnd()) };
        }

        public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            context.Stream.CopyTo(Stream.Null);
            return IamErrorResponseUnmarshaller.Unmarshall(context.GetResponseBodyBytes(), innerException, statusCode);
        }
    }
}

internal static class XDocumentExtensions
{
    /// <summary>The text of the first element with this local name (namespace-agnostic).</summary>
    public static string Text(this XDocument document, string localName) =>
        document.Descendants().First(e => e.Name.LocalName == localName).Value;
}
