namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>UpdateAccessKey has no result; only ResponseMetadata is read.</summary>
public sealed class UpdateAccessKeyResponseUnmarshaller : IamResponseUnmarshaller<UpdateAccessKeyResponse>
{
    public static UpdateAccessKeyResponseUnmarshaller Instance { get; } = new();

    private UpdateAccessKeyResponseUnmarshaller() : base("UpdateAccessKey") { }
}
