namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

internal static class UpdateAccessKeyRequestValidator
{
    /// <summary>
    /// UserName is mandatory: IAM would otherwise act on the caller's own key.
    /// </summary>
    public static void Validate(UpdateAccessKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.UserName))
            throw new ArgumentException("UpdateAccessKey requires UserName: without it IAM acts on the caller's own access key.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.AccessKeyId))
            throw new ArgumentException("UpdateAccessKey requires AccessKeyId.", nameof(request));
        if (request.Status is not (AccessKeyStatus.Active or AccessKeyStatus.Inactive))
            throw new ArgumentException($"UpdateAccessKey Status must be '{AccessKeyStatus.Active}' or '{AccessKeyStatus.Inactive}'.", nameof(request));
    }
}
