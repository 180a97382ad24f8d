using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class PolicyTypeSummaryUnmarshaller : IJsonUnmarshaller<PolicyTypeSummary, JsonUnmarshallerContext>
{
    public static PolicyTypeSummaryUnmarshaller Instance { get; } = new();

    public PolicyTypeSummary Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
    {
        var summary = new PolicyTypeSummary();
        context.Read(ref reader);
        if (context.CurrentTokenType == JsonTokenType.Null) return summary;
        var targetDepth = context.CurrentDepth;
        while (context.ReadAtDepth(targetDepth, ref reader))
        {
            if (context.TestExpression("Type", targetDepth, ref reader))
                summary.Type = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Status", targetDepth, ref reader))
                summary.Status = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
        }
        return summary;
    }
}
