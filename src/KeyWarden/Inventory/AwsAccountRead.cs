using KeyWarden.Aws;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// The frame every AWS source reads an account in: ask STS who we are (it needs no permission), then read;
/// any AWS failure becomes the account's <see cref="SourceInfo.Error"/> so that the account shows as
/// "could not evaluate" in every format and the run exits 3, never as an empty pass.
/// </summary>
internal static class AwsAccountRead
{
    public static async Task<AccountInventory> GuardAsync(
        ICallerIdentityClient sts,
        SourceKind kind,
        string? location,
        Func<CallerIdentity, Task<AccountInventory>> read)
    {
        CallerIdentity? identity = null;
        try
        {
            identity = await sts.GetCallerIdentityAsync(CancellationToken.None);
            return await read(identity);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Failed(identity, kind, location, failure.OneLineMessage, StatusOf(failure.Kind));
        }
        catch (CredentialReportFormatException e)
        {
            return Failed(identity, kind, location, $"the account's credential report could not be read: {e.Problem}", AccountStatus.ReportUnavailable);
        }
        catch (CredentialReportUnavailableException e)
        {
            return Failed(identity, kind, location, e.Message, e.Throttled ? AccountStatus.Throttled : AccountStatus.ReportUnavailable);
        }
    }

    /// <summary>The account state an AWS failure leaves an account in.</summary>
    public static AccountStatus StatusOf(AwsFailureKind kind) => kind switch
    {
        AwsFailureKind.AccessDenied or AwsFailureKind.InvalidClientToken or AwsFailureKind.ExpiredToken or AwsFailureKind.Signature => AccountStatus.AccessDenied,
        AwsFailureKind.Throttling => AccountStatus.Throttled,
        _ => AccountStatus.Error,
    };

    private static AccountInventory Failed(CallerIdentity? identity, SourceKind kind, string? location, string error, AccountStatus status) =>
        new(new SourceInfo(identity?.Account, identity?.Partition, kind, null, error, location, Status: status), []);
}
