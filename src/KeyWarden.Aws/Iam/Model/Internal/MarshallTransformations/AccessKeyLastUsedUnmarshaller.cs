using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

internal static class AccessKeyLastUsedUnmarshaller
{
    public static void ReadField(string name, XmlUnmarshallerContext context, AccessKeyLastUsed lastUsed)
    {
        switch (name)
        {
            case "LastUsedDate": lastUsed.LastUsedDate = IamXmlValues.DateTimeUtc(context); break;
            case "ServiceName": lastUsed.ServiceName = IamXmlValues.String(context); break;
            case "Region": lastUsed.Region = IamXmlValues.String(context); break;
        }
    }
}
