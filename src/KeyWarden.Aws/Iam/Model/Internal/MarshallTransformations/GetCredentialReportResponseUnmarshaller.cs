using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetCredentialReportResponseUnmarshaller : IamResponseUnmarshaller<GetCredentialReportResponse>
{
    public static GetCredentialReportResponseUnmarshaller Instance { get; } = new();

    private GetCredentialReportResponseUnmarshaller() : base("GetCredentialReport") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, GetCredentialReportResponse response)
    {
        if (context.TestExpression("Content", childDepth))
            response.Content = Convert.FromBase64String(IamXmlValues.String(context).Trim());
        else if (context.TestExpression("ReportFormat", childDepth))
            response.ReportFormat = IamXmlValues.String(context);
        else if (context.TestExpression("GeneratedTime", childDepth))
            response.GeneratedTime = IamXmlValues.DateTimeUtc(context);
    }
}
