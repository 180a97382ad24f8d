using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

/// <summary>
/// Reads a JSON 1.1 response object member by member, as the SDK's generated unmarshallers do; members the operation
/// does not know (the service adds some, e.g. Account.Paths) are skipped. Errors go to <see cref="OrganizationsErrorResponseUnmarshaller"/>.
/// </summary>
public abstract class OrganizationsResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse, new()
{
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var response = new TResponse();
        var reader = new StreamingUtf8JsonReader(context.Stream);
        context.Read(ref reader);
        var targetDepth = context.CurrentDepth;
        while (context.ReadAtDepth(targetDepth, ref reader))
        {
            ReadMember(context, ref reader, targetDepth, response);
        }
        return response;
    }

    /// <summary>Handles one member of the response object; test with <c>context.TestExpression(name, targetDepth, ref reader)</c>.</summary>
    protected abstract void ReadMember(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader, int targetDepth, TResponse response);

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
        OrganizationsErrorResponseUnmarshaller.Unmarshall(context, innerException, statusCode);
}
