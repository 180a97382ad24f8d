using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class ListOrganizationalUnitsForParentResponseUnmarshaller : OrganizationsResponseUnmarshaller<ListOrganizationalUnitsForParentResponse>
{
    public static ListOrganizationalUnitsForParentResponseUnmarshaller Instance { get; } = new();

    private ListOrganizationalUnitsForParentResponseUnmarshaller() { }

    protected override void ReadMember(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader, int targetDepth, ListOrganizationalUnitsForParentResponse response)
    {
        if (context.TestExpression("OrganizationalUnits", targetDepth, ref reader))
            response.OrganizationalUnits = new JsonListUnmarshaller<OrganizationalUnit, OrganizationalUnitUnmarshaller>(OrganizationalUnitUnmarshaller.Instance).Unmarshall(context, ref reader) ?? [];
        else if (context.TestExpression("NextToken", targetDepth, ref reader))
            response.NextToken = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
    }
}
