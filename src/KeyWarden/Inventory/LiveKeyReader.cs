using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Inventory;

/// <summary>
/// Reads one user's keys straight from IAM: ListAccessKeys, then GetAccessKeyLastUsed per key.
/// A user that cannot be read becomes a principal with a <see cref="PrincipalKeys.ReadError"/> (an ERROR
/// finding); a user deleted since it was listed is reported as gone (null) so the caller can note it.
/// </summary>
public sealed class LiveKeyReader(IIamClient iam)
{
    public async Task<PrincipalKeys?> ReadAsync(string userName, string? arn, CancellationToken cancellationToken)
    {
        try
        {
            var keys = new List<AccessKey>();
            await foreach (var metadata in iam.ListAllAccessKeysAsync(userName, cancellationToken))
            {
                keys.Add(await ReadKeyAsync(metadata, cancellationToken));
            }

            return new PrincipalKeys(userName, arn, IsRoot: false, keys);
        }
        catch (NoSuchEntityException)
        {
            return null;
        }
        catch (AccessDeniedException e)
        {
            return new PrincipalKeys(userName, arn, IsRoot: false, [], ReadError: $"access denied reading the keys of {userName}: {AwsMessage(e)}");
        }
    }

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

    internal static string AwsMessage(Exception e) => Aws.AwsErrorDescriber.Describe(e)?.OneLineMessage ?? e.Message;
}
