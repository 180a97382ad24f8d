using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class ListAccountsForParentResponseUnmarshaller : OrganizationsResponseUnmarshaller<ListAccountsForParentResponse>
{
    public static ListAccountsForParentResponseUnmarshaller Instance { get; } = new();

    private ListAccountsForParentResponseUnmarshaller() { }

    protected override void ReadMember(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader, int targetDepth, ListAccountsForParentResponse response)
    {
        if (context.TestExpression("Accounts", targetDepth, ref reader))
            response.Accounts = new JsonListUnmarshaller<Account, AccountUnmarshaller>(AccountUnmarshaller.Instance).Unmarshall(context, ref reader) ?? [];
        else if (context.TestExpression("NextToken", targetDepth, ref reader))
            response.NextToken = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
    }
}
