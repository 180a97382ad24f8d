using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Inventory;

/// <summary>
/// Reads one user's keys straight from IAM: ListAccessKeys, then GetAccessKeyLastUsed for the keys whose last use is
/// wanted and not known otherwise.
/// A user that cannot be read (access denied, throttling or a 5xx after the client's retries, a key deleted between
/// ListAccessKeys and GetAccessKeyLastUsed) becomes a principal with a <see cref="PrincipalKeys.ReadError"/>: an ERROR
/// finding for that user while the rest of the account is still reported. A user deleted since it was listed
/// (NoSuchEntity on ListAccessKeys) is reported as gone (null) so the caller can note it. Failures of the credentials
/// themselves (expired, unknown, bad signature) are not one user's problem: they propagate and fail the account.
/// Cancellation is never caught.
/// </summary>
public sealed class LiveKeyReader(IIamClient iam)
{
    /// <summary>Every key with its own GetAccessKeyLastUsed: what apply re-reads before every change.</summary>
    public Task<PrincipalKeys?> ReadAsync(string userName, string? arn, CancellationToken cancellationToken) =>
        ReadAsync(userName, arn, _ => new AccessKey?[_.Count], cancellationToken);

    /// <summary>
    /// <c>--source live</c>: with <see cref="LastUseEvidence.Needed"/>, GetAccessKeyLastUsed for every key when
    /// <paramref name="needsLastUse"/> (the selected rules' <see cref="ReadNeeds.NeedsLastUse"/>) says so of the listed keys;
    /// otherwise the keys carry no last use (source null).
    /// </summary>
    public Task<PrincipalKeys?> ReadAsync(
        string userName, string? arn, LastUseEvidence evidence, Func<IReadOnlyList<AccessKey>, bool> needsLastUse, CancellationToken cancellationToken) =>
        ReadAsync(userName, arn, listed =>
        {
            AccessKey[] bare = [.. listed.Select(FromMetadata)];
            return evidence == LastUseEvidence.All || needsLastUse(bare) ? new AccessKey?[listed.Count] : bare;
        }, cancellationToken);

    /// <summary>
    /// <c>--source auto</c>: last use from the user's credential-report slots where <see cref="ReportSlotMatcher"/> can
    /// place them, GetAccessKeyLastUsed for the rest (and for every key with <see cref="LastUseEvidence.All"/>).
    /// </summary>
    public Task<PrincipalKeys?> ReadAsync(string userName, string? arn, IReadOnlyList<AccessKey> reportKeys, LastUseEvidence evidence, CancellationToken cancellationToken) =>
        ReadAsync(userName, arn, listed => evidence == LastUseEvidence.All
            ? new AccessKey?[listed.Count]
            : ReportSlotMatcher.Place(listed, reportKeys), cancellationToken);

    /// <summary>A listed key without last use (not read): status and creation as IAM lists them.</summary>
    public static AccessKey FromMetadata(AccessKeyMetadata metadata) => new(
        Id: metadata.AccessKeyId,
        Slot: null,
        // IAM also has Expired; anything but Active is not active.
        Status: IsActive(metadata) ? KeyStatus.Active : KeyStatus.Inactive,
        CreatedAt: Timestamps.FromSdk(metadata.CreateDate),
        LastUsedAt: null,
        LastUsedService: null,
        LastUsedRegion: null);

    private static bool IsActive(AccessKeyMetadata metadata) => string.Equals(metadata.Status, "Active", StringComparison.OrdinalIgnoreCase);

    /// <param name="known">Per listed key: the key when its last use is already known (or not wanted), null to read it live.</param>
    private async Task<PrincipalKeys?> ReadAsync(
        string userName, string? arn, Func<IReadOnlyList<AccessKeyMetadata>, AccessKey?[]> known, CancellationToken cancellationToken)
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
        var placed = known(listed);
        for (var i = 0; i < listed.Count; i++)
        {
            var metadata = listed[i];
            if (placed[i] is { } key)
            {
                keys.Add(key);
                continue;
            }

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
        return FromMetadata(metadata) with
        {
            LastUsedAt = lastUsed?.LastUsedDate is { } used ? Timestamps.FromSdk(used) : null,
            LastUsedService = Known(lastUsed?.ServiceName),
            LastUsedRegion = Known(lastUsed?.Region),
            LastUsedSource = LastUseSource.Live,
        };
    }

    // A never-used key reports ServiceName and Region as "N/A"; moto says "not_supported".
    private static string? Known(string? value) =>
        string.IsNullOrWhiteSpace(value) || value is "N/A" or "not_supported" ? null : value;
}
