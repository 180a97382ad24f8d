using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetAccessKeyLastUsedResponseUnmarshaller : IamResponseUnmarshaller<GetAccessKeyLastUsedResponse>
{
    public static GetAccessKeyLastUsedResponseUnmarshaller Instance { get; } = new();

    private GetAccessKeyLastUsedResponseUnmarshaller() : base("GetAccessKeyLastUsed") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, GetAccessKeyLastUsedResponse response)
    {
        if (context.TestExpression("UserName", childDepth))
            response.UserName = IamXmlValues.String(context);
        else if (context.TestExpression("AccessKeyLastUsed", childDepth))
            response.AccessKeyLastUsed = ReadStructure(context, new AccessKeyLastUsed(), AccessKeyLastUsedUnmarshaller.ReadField);
    }
}
