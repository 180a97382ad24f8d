using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

internal static class UserUnmarshaller
{
    public static void ReadField(string name, XmlUnmarshallerContext context, User user)
    {
        switch (name)
        {
            case "Path": user.Path = IamXmlValues.String(context); break;
            case "UserName": user.UserName = IamXmlValues.String(context); break;
            case "UserId": user.UserId = IamXmlValues.String(context); break;
            case "Arn": user.Arn = IamXmlValues.String(context); break;
            case "CreateDate": user.CreateDate = IamXmlValues.DateTimeUtc(context); break;
            case "PasswordLastUsed": user.PasswordLastUsed = IamXmlValues.DateTimeUtc(context); break;
        }
    }
}
