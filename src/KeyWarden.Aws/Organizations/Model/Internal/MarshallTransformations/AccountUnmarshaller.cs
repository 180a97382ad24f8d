using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class AccountUnmarshaller : IJsonUnmarshaller<Account, JsonUnmarshallerContext>
{
    public static AccountUnmarshaller Instance { get; } = new();

    public Account Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
    {
        var account = new Account();
        context.Read(ref reader);
        if (context.CurrentTokenType == JsonTokenType.Null) return account;
        var targetDepth = context.CurrentDepth;
        while (context.ReadAtDepth(targetDepth, ref reader))
        {
            if (context.TestExpression("Id", targetDepth, ref reader))
                account.Id = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Arn", targetDepth, ref reader))
                account.Arn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Email", targetDepth, ref reader))
                account.Email = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Name", targetDepth, ref reader))
                account.Name = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("State", targetDepth, ref reader))
                account.State = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Status", targetDepth, ref reader))
                account.Status = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("JoinedMethod", targetDepth, ref reader))
                account.JoinedMethod = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("JoinedTimestamp", targetDepth, ref reader))
                account.JoinedTimestamp = EpochSecondsUnmarshaller.Instance.Unmarshall(context, ref reader);
        }
        return account;
    }
}
