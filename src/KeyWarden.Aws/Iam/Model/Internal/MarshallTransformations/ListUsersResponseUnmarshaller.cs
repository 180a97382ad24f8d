using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class ListUsersResponseUnmarshaller : IamResponseUnmarshaller<ListUsersResponse>
{
    public static ListUsersResponseUnmarshaller Instance { get; } = new();

    private ListUsersResponseUnmarshaller() : base("ListUsers") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, ListUsersResponse response)
    {
        if (context.TestExpression("Users", childDepth))
            response.Users = ReadList(context, c => ReadStructure(c, new User(), UserUnmarshaller.ReadField));
        else if (context.TestExpression("IsTruncated", childDepth))
            response.IsTruncated = IamXmlValues.Bool(context);
        else if (context.TestExpression("Marker", childDepth))
            response.Marker = IamXmlValues.String(context);
    }
}
