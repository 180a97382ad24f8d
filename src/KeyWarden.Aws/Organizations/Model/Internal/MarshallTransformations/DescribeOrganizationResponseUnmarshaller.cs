using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class DescribeOrganizationResponseUnmarshaller : OrganizationsResponseUnmarshaller<DescribeOrganizationResponse>
{
    public static DescribeOrganizationResponseUnmarshaller Instance { get; } = new();

    private DescribeOrganizationResponseUnmarshaller() { }

    protected override void ReadMember(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader, int targetDepth, DescribeOrganizationResponse response)
    {
        if (context.TestExpression("Organization", targetDepth, ref reader))
            response.Organization = OrganizationUnmarshaller.Instance.Unmarshall(context, ref reader);
    }
}
