using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

internal static class AccessKeyMetadataUnmarshaller
{
    public static void ReadField(string name, XmlUnmarshallerContext context, AccessKeyMetadata key)
    {
        switch (name)
        {
            case "UserName": key.UserName = IamXmlValues.String(context); break;
            case "AccessKeyId": key.AccessKeyId = IamXmlValues.String(context); break;
            case "Status": key.Status = IamXmlValues.String(context); break;
            case "CreateDate": key.CreateDate = IamXmlValues.DateTimeUtc(context); break;
        }
    }
}
