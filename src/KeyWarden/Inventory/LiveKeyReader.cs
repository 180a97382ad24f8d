using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Inventory;

/// <summary>
/// Reads one user's keys straight from IAM: ListAccessKeys, then GetAccessKeyLastUsed per key.
/// A user that cannot be read (access denied, throttling or a 5xx after the client's retries, a key deleted between
/// ListAccessKeys and GetAccessKeyLastUsed) becomes a principal with a <see cref="PrincipalKeys.ReadError"/>: an ERROR
/// finding for that user while the rest of the account is still reported. A user deleted since it was listed
/// (NoSuchEntity on ListAccessKeys) is reported as gone (null) so the caller can note it. Failures of the credentials
/// themselves (expired, unknown, bad signature) are not one user's problem: they propagate and fail the account.
/// Cancellation is never caught.
/// </summary>
public sealed class LiveKeyReader(IIamClient iam)
{
    public async Task<PrincipalKeys?> ReadAsync(string userName, string? arn, CancellationToken cancellationToken)
    {
        var listed = new List<AccessKeyMetadata>();
        try
        {
            await foreach (var metadata in iam.ListAllAccessKeysAsync(userName, cancellationToken))
            {
                listed.Add(metadata);
            }
        }
        catch (NoSuchEntityException)
        {
            return null;
        }
        catch (Exception e) when (PerUserFailure(e, cancellationToken) is { } failure)
        {
            return Unreadable(userName, arn, failure.Kind == AwsFailureKind.AccessDenied
                ? $"access denied reading the keys of {userName}: {failure.OneLineMessage}"
                : $"could not list the access keys of {userName} (ListAccessKeys): {failure.OneLineMessage}");
        }

        var keys = new List<AccessKey>();
        foreach (var metadata in listed)
        {
            try
            {
                keys.Add(await ReadKeyAsync(metadata, cancellationToken));
            }
            catch (Exception e) when (PerUserFailure(e, cancellationToken) is { } failure)
            {
                return Unreadable(userName, arn, failure.Kind switch
                {
                    AwsFailureKind.NoSuchEntity =>
                        $"key {metadata.AccessKeyId} of {userName} was deleted while being read (GetAccessKeyLastUsed: {failure.OneLineMessage}); audit again",
                    AwsFailureKind.AccessDenied => $"access denied reading the last use of key {metadata.AccessKeyId} of {userName}: {failure.OneLineMessage}",
                    _ => $"could not read the last use of key {metadata.AccessKeyId} of {userName} (GetAccessKeyLastUsed): {failure.OneLineMessage}",
                });
            }
        }

        return new PrincipalKeys(userName, arn, IsRoot: false, keys);
    }

    // What is one user's problem: the account's other users can still be read and reported.
    private static AwsFailure? PerUserFailure(Exception e, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return AwsErrorDescriber.Describe(e) is { } failure && failure.Kind is AwsFailureKind.AccessDenied or AwsFailureKind.NoSuchEntity
            or AwsFailureKind.Throttling or AwsFailureKind.Service or AwsFailureKind.Endpoint or AwsFailureKind.Other
            ? failure
            : null;
    }

    private static PrincipalKeys Unreadable(string userName, string? arn, string error) =>
        new(userName, arn, IsRoot: false, [], ReadError: error);

    private async Task<AccessKey> ReadKeyAsync(AccessKeyMetadata metadata, CancellationToken cancellationToken)
    {
        var lastUsed = (await iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = metadata.AccessKeyId }, cancellationToken))
            .AccessKeyLastUsed;
        return new AccessKey(
            Id: metadata.AccessKeyId,
            Slot: null,
            // IAM also has Expired; anything but Active is not active.
            Status: string.Equals(metadata.Status, "Active", StringComparison.OrdinalIgnoreCase) ? KeyStatus.Active : KeyStatus.Inactive,
            CreatedAt: Timestamps.FromSdk(metadata.CreateDate),
            LastUsedAt: lastUsed?.LastUsedDate is { } used ? Timestamps.FromSdk(used) : null,
            LastUsedService: Known(lastUsed?.ServiceName),
            LastUsedRegion: Known(lastUsed?.Region));
    }

    // A never-used key reports ServiceName and Region as "N/A"; moto says "not_supported".
    private static string? Known(string? value) =>
        string.IsNullOrWhiteSpace(value) || value is "N/A" or "not_supported" ? null : value;
}
