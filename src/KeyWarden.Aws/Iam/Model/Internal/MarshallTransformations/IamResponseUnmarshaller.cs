using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>
/// Reads <c>&lt;{Op}Response&gt;&lt;{Op}Result&gt;…&lt;/{Op}Result&gt;&lt;ResponseMetadata/&gt;&lt;/{Op}Response&gt;</c>.
/// Elements are matched by local name, so responses with and without the IAM namespace both work; unknown elements are skipped.
/// </summary>
public abstract class IamResponseUnmarshaller<TResponse> : XmlResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse, new()
{
    private readonly string resultElement;

    protected IamResponseUnmarshaller(string operationName) => resultElement = operationName + "Result";

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        var response = new TResponse();
        context.Read();
        var depth = context.CurrentDepth;
        while (context.ReadAtDepth(depth))
        {
            if (!context.IsStartElement) continue;
            if (context.TestExpression(resultElement, 2))
                UnmarshallResult(context, response);
            else if (context.TestExpression("ResponseMetadata", 2))
                response.ResponseMetadata = ResponseMetadataUnmarshaller.Instance.Unmarshall(context);
        }
        return response;
    }

    /// <summary>Called on the <c>{Op}Result</c> start element; reads its children until its end.</summary>
    private void UnmarshallResult(XmlUnmarshallerContext context, TResponse response)
    {
        var depth = context.CurrentDepth;
        var childDepth = depth + 1;
        while (context.ReadAtDepth(depth))
        {
            if (context.IsStartElement) ReadResultChild(context, childDepth, response);
        }
    }

    /// <summary>Handles one element inside <c>{Op}Result</c>; test with <c>context.TestExpression(name, childDepth)</c>.</summary>
    protected virtual void ReadResultChild(XmlUnmarshallerContext context, int childDepth, TResponse response)
    {
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        // The error context caches what has been read from the body; read the rest so the whole body is available.
        context.Stream.CopyTo(Stream.Null);
        return IamErrorResponseUnmarshaller.Unmarshall(context.GetResponseBodyBytes(), innerException, statusCode);
    }

    /// <summary>Reads repeated <c>member</c> children of the list element the context is on.</summary>
    protected static List<T> ReadList<T>(XmlUnmarshallerContext context, Func<XmlUnmarshallerContext, T> readMember)
    {
        var items = new List<T>();
        var depth = context.CurrentDepth;
        while (context.ReadAtDepth(depth))
        {
            if (context.IsStartElement && context.TestExpression("member", depth + 1))
                items.Add(readMember(context));
        }
        return items;
    }

    /// <summary>Reads the children of the structure element the context is on, handing each to <paramref name="readField"/> with its local name.</summary>
    protected static T ReadStructure<T>(XmlUnmarshallerContext context, T target, Action<string, XmlUnmarshallerContext, T> readField)
    {
        var depth = context.CurrentDepth;
        while (context.ReadAtDepth(depth))
        {
            if (context.IsStartElement && context.CurrentDepth == depth + 1)
                readField(context.CurrentElementName, context, target);
        }
        return target;
    }
}
