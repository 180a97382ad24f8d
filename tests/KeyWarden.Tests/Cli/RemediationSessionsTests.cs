using KeyWarden.Cli;

namespace KeyWarden.Tests.Cli;

/// <summary>Undo and verify of a journal reach a member through the role its run acted as, read from the run's caller ARN.</summary>
public sealed class RemediationSessionsTests
{
    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/keywarden", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole")]
    [InlineData("arn:aws-us-gov:sts::111122223333:assumed-role/Auditor/s", "arn:aws-us-gov:iam::111122223333:role/Auditor")]
    [InlineData("arn:aws:iam::111122223333:user/alice", null)]
    [InlineData("arn:aws:iam::111122223333:root", null)]
    [InlineData("arn:aws:sts::111122223333:federated-user/bob", null)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/", null)]
    [InlineData("not an arn", null)]
    [InlineData(null, null)]
    public void The_role_of_a_run_comes_from_its_assumed_role_caller(string? caller, string? role) =>
        Assert.Equal(role, RemediationSessions.RoleFromCaller(caller));
}
