using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class OrganizationUnmarshaller : IJsonUnmarshaller<Organization, JsonUnmarshallerContext>
{
    public static OrganizationUnmarshaller Instance { get; } = new();

    public Organization Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
    {
        var organization = new Organization();
        context.Read(ref reader);
        if (context.CurrentTokenType == JsonTokenType.Null) return organization;
        var targetDepth = context.CurrentDepth;
        while (context.ReadAtDepth(targetDepth, ref reader))
        {
            if (context.TestExpression("Id", targetDepth, ref reader))
                organization.Id = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Arn", targetDepth, ref reader))
                organization.Arn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("FeatureSet", targetDepth, ref reader))
                organization.FeatureSet = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("MasterAccountArn", targetDepth, ref reader))
                organization.MasterAccountArn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("MasterAccountId", targetDepth, ref reader))
                organization.MasterAccountId = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("MasterAccountEmail", targetDepth, ref reader))
                organization.MasterAccountEmail = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("AvailablePolicyTypes", targetDepth, ref reader))
                organization.AvailablePolicyTypes = new JsonListUnmarshaller<PolicyTypeSummary, PolicyTypeSummaryUnmarshaller>(PolicyTypeSummaryUnmarshaller.Instance).Unmarshall(context, ref reader) ?? [];
        }
        return organization;
    }
}
