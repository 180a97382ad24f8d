using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class AccountTargetTests
{
    [Fact]
    public void The_role_is_the_files_arn_else_the_files_name_else_the_default_in_the_partition()
    {
        Assert.Equal(
            "arn:aws:iam::111122223333:role/Given",
            new AccountTarget("111122223333", RoleArn: "arn:aws:iam::111122223333:role/Given").RoleArnIn("aws", "Default"));
        Assert.Equal("arn:aws-cn:iam::111122223333:role/ops/Auditor", new AccountTarget("111122223333", RoleName: "ops/Auditor").RoleArnIn("aws-cn", "Default"));
        Assert.Equal(
            "arn:aws-us-gov:iam::111122223333:role/OrganizationAccountAccessRole",
            new AccountTarget("111122223333").RoleArnIn("aws-us-gov", RoleParameters.DefaultRoleName));
    }

    [Fact]
    public void A_files_role_arn_of_another_partition_is_an_input_error()
    {
        var target = new AccountTarget("111122223333", RoleArn: "arn:aws-cn:iam::111122223333:role/Audit");

        var e = Assert.Throws<KeyWardenException>(() => target.RoleArnIn("aws", "Default"));

        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.Equal("account 111122223333: the accounts file's role arn:aws-cn:iam::111122223333:role/Audit is not in partition aws, the partition of this run", e.Message);
        Assert.Equal("arn:aws-cn:iam::111122223333:role/Audit", target.RoleArnIn("aws-cn", "Default"));
    }

    [Fact]
    public void Only_role_fields_count_as_a_role_override()
    {
        Assert.False(new AccountTarget("111122223333", "prod", "ACTIVE").HasRoleOverride);
        Assert.True(new AccountTarget("111122223333", ExternalId: "ext-1").HasRoleOverride);
        Assert.True(new AccountTarget("111122223333", RoleName: "Audit").HasRoleOverride);
    }
}
