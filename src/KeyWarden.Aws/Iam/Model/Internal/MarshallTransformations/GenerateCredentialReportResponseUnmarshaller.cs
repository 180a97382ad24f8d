using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GenerateCredentialReportResponseUnmarshaller : IamResponseUnmarshaller<GenerateCredentialReportResponse>
{
    public static GenerateCredentialReportResponseUnmarshaller Instance { get; } = new();

    private GenerateCredentialReportResponseUnmarshaller() : base("GenerateCredentialReport") { }

    protected override void ReadResultChild(XmlUnmarshallerContext context, int childDepth, GenerateCredentialReportResponse response)
    {
        if (context.TestExpression("State", childDepth))
            response.State = IamXmlValues.String(context);
        else if (context.TestExpression("Description", childDepth))
            response.Description = IamXmlValues.String(context);
    }
}
