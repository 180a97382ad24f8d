using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetAccountSummaryResponseUnmarshaller : IamResponseUnmarshaller<GetAccountSummaryResponse>
{
    public static GetAccountSummaryResponseUnmarshaller Instance { get; } = new();

    private GetAccountSummaryResponseUnmarshaller() : base("GetAccountSummary") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, GetAccountSummaryResponse response)
    {
        if (!context.TestExpression("SummaryMap", childDepth)) return;
        var depth = context.CurrentDepth;
        while (context.ReadAtDepth(depth))
        {
            if (!context.IsStartElement || !context.TestExpression("entry", depth + 1)) continue;
            string? key = null;
            int? value = null;
            var entryDepth = context.CurrentDepth;
            while (context.ReadAtDepth(entryDepth))
            {
                if (!context.IsStartElement) continue;
                if (context.TestExpression("key", entryDepth + 1)) key = IamXmlValues.String(context);
                else if (context.TestExpression("value", entryDepth + 1)) value = IamXmlValues.Int(context);
            }
            if (key != null && value != null) response.SummaryMap[key] = value.Value;
        }
    }
}
