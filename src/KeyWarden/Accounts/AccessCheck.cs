using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Accounts;

/// <summary>
/// The preflight of a fleet run, in one account, changing nothing: can the role be assumed, does STS answer in the
/// account, can the credential report be read, can users and their keys be listed; with <c>forRemediation</c>, may
/// the credentials call iam:UpdateAccessKey. There is no read-only call that answers that last one, so it is probed
/// with a call that cannot change anything: UpdateAccessKey of a user that does not exist. IAM authorizes before it
/// looks the user up, so NoSuchEntity means allowed and AccessDenied means refused. A policy that allows the action
/// only for some user paths or tags can refuse the probe's made-up user yet allow real ones: the detail says so.
/// </summary>
public static class AccessCheck
{
    public const string AssumeRole = "assume-role";
    public const string Sts = "sts";
    public const string CredentialReport = "credential-report";
    public const string ListUsers = "list-users";
    public const string ListAccessKeys = "list-access-keys";
    public const string UpdateAccessKey = "update-access-key";

    /// <summary>The user name the UpdateAccessKey probe names: not a user anyone has (IAM names are at most 64 characters).</summary>
    public const string ProbeUser = "keywarden-permission-probe-does-not-exist";

    /// <summary>An access key id of the documented example form, which no real key has.</summary>
    public const string ProbeKey = "AKIAIOSFODNN7EXAMPLE";

    public static async Task<AccessCheckResult> RunAsync(
        AccountConnections accounts, AccountTarget target, string? fileRole, bool forRemediation, CancellationToken cancellationToken)
    {
        var steps = new List<AccessCheckStep>();
        var roleArn = accounts.RoleArnFor(target.AccountId, fileRole);
        AccountSession session;
        try
        {
            session = await accounts.OpenSessionAsync(target.AccountId, fileRole, target.ExternalId, cancellationToken);
            steps.Add(new(AssumeRole, "ok", roleArn is null ? "the credentials' own account: no role needed" : $"assumed {roleArn}"));
            steps.Add(new(Sts, "ok", $"acting as {session.Identity.Arn}"));
        }
        catch (AccountMismatchException e)
        {
            steps.Add(new(AssumeRole, "error", e.Message));
            return Finish(target, roleArn, steps, forRemediation);
        }
        catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
        {
            steps.Add(new(roleArn is null ? Sts : AssumeRole, Result(failure), failure.OneLineMessage));
            return Finish(target, roleArn, steps, forRemediation);
        }

        var iam = session.Connection.Iam;
        steps.Add(await StepAsync(CredentialReport, async () =>
        {
            try
            {
                var report = await iam.GetCredentialReportAsync(new GetCredentialReportRequest(), cancellationToken);
                return $"readable ({report.Content.Length} bytes)";
            }
            catch (Exception e) when (e is ReportNotPresentException or ReportExpiredException)
            {
                // Allowed to read it; there is just none (or an old one) yet: audit generates one.
                return "no current report yet: audit generates one (needs iam:GenerateCredentialReport)";
            }
        }));

        string? firstUser = null;
        steps.Add(await StepAsync(ListUsers, async () =>
        {
            var users = await iam.ListUsersAsync(new ListUsersRequest { MaxItems = 1 }, cancellationToken);
            firstUser = users.Users.FirstOrDefault()?.UserName;
            return firstUser is null ? "allowed; the account has no IAM users" : "allowed";
        }));

        steps.Add(firstUser is null
            ? new(ListAccessKeys, "not-checked", "no IAM user to list the keys of")
            : await StepAsync(ListAccessKeys, async () =>
            {
                await iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = firstUser, MaxItems = 1 }, cancellationToken);
                return "allowed";
            }));

        if (forRemediation)
        {
            steps.Add(await ProbeUpdateAccessKeyAsync(iam, cancellationToken));
        }

        return Finish(target, roleArn, steps, forRemediation);
    }

    private static async Task<AccessCheckStep> ProbeUpdateAccessKeyAsync(IIamClient iam, CancellationToken cancellationToken)
    {
        try
        {
            await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = ProbeUser, AccessKeyId = ProbeKey, Status = AccessKeyStatus.Active }, cancellationToken);
            // Cannot happen on IAM (the user does not exist); if some endpoint says yes, nothing real was touched.
            return new(UpdateAccessKey, "ok", "allowed (the probe's user does not exist; nothing was changed)");
        }
        catch (NoSuchEntityException)
        {
            return new(UpdateAccessKey, "ok", "allowed: the probe on a user that does not exist was authorized and answered NoSuchEntity; nothing was changed");
        }
        catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
        {
            var detail = failure.Kind == AwsFailureKind.AccessDenied
                ? $"{failure.OneLineMessage} (probed on a user that does not exist: a policy limited to some user paths or tags may still allow the real users)"
                : failure.OneLineMessage;
            return new(UpdateAccessKey, Result(failure), detail);
        }
    }

    private static async Task<AccessCheckStep> StepAsync(string check, Func<Task<string>> run)
    {
        try
        {
            return new(check, "ok", await run());
        }
        catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
        {
            return new(check, Result(failure), failure.OneLineMessage);
        }
    }

    // The same split an account's status makes: refused credentials are "denied", anything else an "error".
    private static string Result(AwsFailure failure) =>
        Inventory.AwsAccountRead.StatusOf(failure.Kind) == Inventory.AccountStatus.AccessDenied ? "denied" : "error";

    private static AccessCheckResult Finish(AccountTarget target, string? roleArn, List<AccessCheckStep> steps, bool forRemediation)
    {
        // Checks that could not run because an earlier one failed are listed, so every row has every column.
        var all = new List<string> { AssumeRole, Sts, CredentialReport, ListUsers, ListAccessKeys };
        if (forRemediation)
        {
            all.Add(UpdateAccessKey);
        }

        foreach (var missing in all.Where(c => steps.All(s => s.Check != c)).ToList())
        {
            steps.Add(new(missing, "not-checked", "an earlier check failed"));
        }

        steps.Sort((a, b) => all.IndexOf(a.Check).CompareTo(all.IndexOf(b.Check)));
        var failed = steps.FirstOrDefault(s => s.Result is "denied" or "error");
        var status = failed is null ? "ok" : failed.Result == "denied" ? "access-denied" : "error";
        return new AccessCheckResult(target.AccountId, target.Name, roleArn, status, steps);
    }
}
