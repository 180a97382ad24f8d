using KeyWarden.Accounts;
using KeyWarden.Audit;
using KeyWarden.Aws;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Cli.Settings;
using KeyWarden.Publishing;
using KeyWarden.Reports;

namespace KeyWarden.Cli;

/// <summary>
/// `audit --security-hub` and `report publish --security-hub`: the report's ASFF findings into Security Hub, in the
/// region the AWS settings resolve (--region, AWS_REGION, the profile's, else us-east-1: the ProductArn and Region of
/// every finding name it). Each account is reached as remediation reaches it: the credentials' own directly, any other
/// through the role the report recorded for it (sources[].roleArn), else --role-name's (default
/// OrganizationAccountAccessRole). Every finding not imported is one line on stderr (its Id and why); then the summary.
/// </summary>
internal static class SecurityHubImport
{
    /// <summary><see cref="ExitCodes.Ok"/> when every finding was imported, else <see cref="ExitCodes.AwsOrRuntime"/>.</summary>
    public static async Task<int> RunAsync(AuditReport report, RoleSettings settings, ToolInfo tool, Terminal terminal, CancellationToken cancellationToken)
    {
        using var hub = AwsClientFactory.Connect(settings);
        using var accounts = await AccountConnections.OpenAsync(hub, settings.ToRoleChoice(), cancellationToken);
        var findings = AsffFindings.Of(report, tool, hub.Settings.Region);
        var sessions = new Dictionary<string, (ISecurityHubClient?, string?)>(StringComparer.Ordinal);

        async Task<(ISecurityHubClient?, string?)> ClientFor(string accountId, CancellationToken ct)
        {
            if (sessions.TryGetValue(accountId, out var known))
            {
                return known;
            }

            var role = RoleFor(report, settings, accounts, accountId);
            try
            {
                var session = await accounts.OpenSessionAsync(accountId, role, null, ct);
                return sessions[accountId] = (session.Connection.SecurityHub, null);
            }
            catch (AccountMismatchException e)
            {
                return sessions[accountId] = (null, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
            {
                return sessions[accountId] = (null, AccountConnections.DescribeOpenFailure(accounts.RoleArnFor(accountId, role), failure));
            }
        }

        var result = await new SecurityHubPublisher(ClientFor).ImportAsync(findings, cancellationToken);
        foreach (var failure in result.Failures)
        {
            terminal.Note($"security hub: not imported: {failure.Id}: {failure.Reason}");
        }

        terminal.Note($"security hub ({hub.Settings.Region}): {result.Summary}");
        return result.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.AwsOrRuntime;
    }

    /// <summary>--role-name when given (for every account but the credentials' own), else the role the report recorded.</summary>
    private static string? RoleFor(AuditReport report, RoleSettings settings, AccountConnections accounts, string accountId) =>
        settings.RoleName is { } name && accountId != accounts.HubIdentity.Account
            ? RoleParameters.RoleArn(accounts.HubIdentity.Partition, accountId, name)
            : report.Sources.FirstOrDefault(s => s.AccountId == accountId && s.RoleArn is not null)?.RoleArn;
}
