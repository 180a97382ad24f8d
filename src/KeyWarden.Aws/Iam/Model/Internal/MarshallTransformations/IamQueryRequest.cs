using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>The parts every IAM Query-protocol marshaller shares: POST, Action, Version, form-encoded body.</summary>
internal static class IamQueryRequest
{
    public const string ApiVersion = "2010-05-08";

    public static IRequest Start(AmazonWebServiceRequest publicRequest, string action)
    {
        IRequest request = new DefaultRequest(publicRequest, IamConfig.ServiceId) { HttpMethod = "POST" };
        request.Parameters.Add("Action", action);
        request.Parameters.Add("Version", ApiVersion);
        return request;
    }

    public static void AddIfSet(IRequest request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) request.Parameters.Add(name, value);
    }

    public static void AddIfSet(IRequest request, string name, int? value)
    {
        if (value.HasValue) request.Parameters.Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static IRequest Finish(IRequest request)
    {
        request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
        return request;
    }
}
