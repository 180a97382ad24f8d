using CsCheck;
using KeyWarden.Accounts;
using KeyWarden.Tests.Properties;

namespace KeyWarden.Tests.Accounts;

/// <summary>
/// Generated malformed accounts files, a fixed budget from a fixed seed: every input is either read (and then every
/// entry is a valid, unique account id) or refused with a one-line exit-2 error naming the file; never another exception.
/// </summary>
public sealed class AccountsFilePropertyTests
{
    private const string Specials = "-:[]{}&*!\"'#|>?%@`,\n \t\r\0\\~/0123456789";

    private static readonly string[] Samples =
    [
        "# fleet\n111122223333\n  444455556666   # payments\n\n777788889999\r\n",
        """
        version: 1
        accounts:
          - id: "111122223333"
            name: prod payments
            role: arn:aws:iam::111122223333:role/security/KeyWardenAudit
            externalId: "ext-1234:abc/def"
          - id: 444455556666
            role: AWSControlTowerExecution
          - 777788889999
        """,
        "accounts: [{id: '111122223333', name: a, role: ops/Auditor}, 444455556666]\n",
    ];

    private static void ReadsOrRefusesCleanly(string text)
    {
        IReadOnlyList<AccountTarget> accounts;
        try
        {
            accounts = AccountsFile.Parse(text, "accounts.yaml");
        }
        catch (KeyWardenException e)
        {
            Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
            Assert.StartsWith("accounts.yaml", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.DoesNotContain('\r', e.Message);
            return;
        }

        Assert.All(accounts, a => Assert.Matches("^[0-9]{12}$", a.AccountId));
        Assert.Equal(accounts.Count, accounts.Select(a => a.AccountId).Distinct().Count());
        Assert.All(accounts, a => Assert.False(a.RoleArn is not null && a.RoleName is not null));
        Assert.All(accounts.Where(a => a.RoleArn is not null), a => Assert.Contains($":iam::{a.AccountId}:role/", a.RoleArn));
    }

    [Fact]
    public void Mutated_files_read_or_fail_with_a_one_line_error() =>
        DeterministicProperty.Check(InputMutations.Mutated(Samples, Specials), ReadsOrRefusesCleanly, cases: 3000, seed: 20261202);

    [Fact]
    public void Random_text_reads_or_fails_with_a_one_line_error() =>
        DeterministicProperty.Check(InputMutations.RandomText(Specials), ReadsOrRefusesCleanly, cases: 3000, seed: 9);

    [Fact]
    public void Random_entries_read_or_fail_with_a_one_line_error() =>
        DeterministicProperty.Check(
            InputMutations.RandomText(Specials + "idnameroleexternalIdarn:aws:iam::111122223333:role/").Select(body => "accounts:\n  - " + body),
            ReadsOrRefusesCleanly, cases: 3000, seed: 10);
}
