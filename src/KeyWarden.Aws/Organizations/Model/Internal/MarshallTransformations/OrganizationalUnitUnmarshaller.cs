using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class OrganizationalUnitUnmarshaller : IJsonUnmarshaller<OrganizationalUnit, JsonUnmarshallerContext>
{
    public static OrganizationalUnitUnmarshaller Instance { get; } = new();

    public OrganizationalUnit Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
    {
        var unit = new OrganizationalUnit();
        context.Read(ref reader);
        if (context.CurrentTokenType == JsonTokenType.Null) return unit;
        var targetDepth = context.CurrentDepth;
        while (context.ReadAtDepth(targetDepth, ref reader))
        {
            if (context.TestExpression("Id", targetDepth, ref reader))
                unit.Id = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Arn", targetDepth, ref reader))
                unit.Arn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            else if (context.TestExpression("Name", targetDepth, ref reader))
                unit.Name = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
        }
        return unit;
    }
}
