using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class AccountIdListTests
{
    [Fact]
    public void Comma_lists_from_repeated_options_are_trimmed_and_kept_once_in_order()
    {
        var ids = AccountIdList.Parse("--accounts", ["111122223333, 444455556666", " 777788889999 ,", "\t111122223333"]);
        Assert.Equal(["111122223333", "444455556666", "777788889999"], ids);
    }

    [Fact]
    public void The_option_not_given_is_an_empty_list() => Assert.Empty(AccountIdList.Parse("--accounts", []));

    [Theory]
    [InlineData("--accounts", "111122223333,prod", "--accounts: 'prod' is not a 12-digit account id")]
    [InlineData("--exclude-accounts", "1111-2222-3333", "--exclude-accounts: '1111-2222-3333' is not a 12-digit account id")]
    [InlineData("--accounts", "111122223333;444455556666", "--accounts: '111122223333;444455556666' is not")]
    [InlineData("--accounts", "11112222333", "--accounts: '11112222333' is not")]
    [InlineData("--accounts", "111122223333 444455556666", "--accounts: '111122223333 444455556666' is not")]
    [InlineData("--accounts", "1111222233\u001b[0m", "--accounts: '1111222233\\u001b[0m' is not")]
    [InlineData("--accounts", "", "--accounts: no account id given")]
    [InlineData("--accounts", " , ,", "--accounts: no account id given")]
    public void A_bad_value_is_an_error_naming_the_option_and_the_value(string option, string value, string expected)
    {
        var e = Assert.Throws<KeyWardenException>(() => AccountIdList.Parse(option, [value]));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void A_huge_value_is_echoed_cut_short()
    {
        var e = Assert.Throws<KeyWardenException>(() => AccountIdList.Parse("--accounts", [new string('9', 100_000)]));
        Assert.EndsWith("… (100000 characters)' is not a 12-digit account id", e.Message);
        Assert.True(e.Message.Length < 200);
    }
}
