using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class ListAccessKeysResponseUnmarshaller : IamResponseUnmarshaller<ListAccessKeysResponse>
{
    public static ListAccessKeysResponseUnmarshaller Instance { get; } = new();

    private ListAccessKeysResponseUnmarshaller() : base("ListAccessKeys") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, ListAccessKeysResponse response)
    {
        if (context.TestExpression("AccessKeyMetadata", childDepth))
            response.AccessKeyMetadata = ReadList(context, c => ReadStructure(c, new AccessKeyMetadata(), AccessKeyMetadataUnmarshaller.ReadField));
        else if (context.TestExpression("IsTruncated", childDepth))
            response.IsTruncated = IamXmlValues.Bool(context);
        else if (context.TestExpression("Marker", childDepth))
            response.Marker = IamXmlValues.String(context);
    }
}
