using System.Net;
using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class VerifierTests
{
    private const string Account = "123456789012";

    /// <summary>A <see cref="FakeIam"/> that also answers ListUsers (two pages), or refuses it.</summary>
    private sealed class ListingIam(FakeIam inner, IReadOnlyList<string> users, bool denyListUsers = false) : IIamClient
    {
        public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default)
        {
            if (denyListUsers)
            {
                throw new AccessDeniedException("User: arn:aws:iam::123456789012:user/verifier is not authorized to perform: iam:ListUsers",
                    null, ErrorType.Sender, AccessDeniedException.Code, "request-1", HttpStatusCode.Forbidden);
            }

            var page = request.Marker is null ? users.Take(1) : users.Skip(1);
            return Task.FromResult(new ListUsersResponse
            {
                Users = page.Select(u => new User { UserName = u, Arn = $"arn:aws:iam::{Account}:user/{u}" }).ToList(),
                IsTruncated = request.Marker is null && users.Count > 1,
                Marker = request.Marker is null && users.Count > 1 ? "page-2" : null,
            });
        }

        public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) => inner.ListAccessKeysAsync(request, cancellationToken);

        public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) => inner.GetAccessKeyLastUsedAsync(request, cancellationToken);

        public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("verify never changes a key");

        public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Dispose() => inner.Dispose();
    }

    private static Task<IReadOnlyList<VerifyResult>> Verify(FakeIam iam, params VerifyTarget[] targets) =>
        new Verifier(iam).VerifyAsync(targets, Account, CancellationToken.None);

    [Fact]
    public async Task Only_the_kept_key_active_passes()
    {
        var iam = new FakeIam().User("alice", FakeIam.Active("AKIAKEEP"), FakeIam.Inactive("AKIAGONE"));

        var result = Assert.Single(await Verify(iam, new VerifyTarget(Account, "alice", "AKIAKEEP")));

        Assert.True(result.Passed);
        Assert.Equal("only the kept key is Active", result.Detail);
    }

    [Fact]
    public async Task One_active_key_that_is_not_the_planned_keeper_passes_with_a_note_naming_it()
    {
        // Someone deactivated the keeper by hand and kept the other: one active key is what CIS asks for.
        var iam = new FakeIam().User("alice", FakeIam.Inactive("AKIAKEEP"), FakeIam.Active("AKIAOTHER"));

        var result = Assert.Single(await Verify(iam, new VerifyTarget(Account, "alice", "AKIAKEEP")));

        Assert.True(result.Passed);
        Assert.Equal(["AKIAOTHER"], result.ActiveKeys);
        Assert.Contains("AKIAOTHER", result.Detail);
        Assert.Contains("not the planned keeper AKIAKEEP", result.Detail);
    }

    [Theory]
    [InlineData(new[] { "Active", "Active" }, "2 keys are Active")]
    [InlineData(new[] { "Inactive", "Inactive" }, "no key is Active")]
    public async Task Two_active_keys_or_none_fail(string[] statuses, string detail)
    {
        var iam = new FakeIam().User("alice", new FakeIam.Key("AKIAKEEP", statuses[0], null), new FakeIam.Key("AKIAGONE", statuses[1], null));

        var result = Assert.Single(await Verify(iam, new VerifyTarget(Account, "alice", "AKIAKEEP")));

        Assert.False(result.Passed);
        Assert.StartsWith(detail, result.Detail);
        Assert.Equal(statuses[0] == "Active", result.MoreThanOneActiveKey);
    }

    [Fact]
    public async Task Every_user_adds_the_accounts_other_users_and_fails_those_with_two_active_keys()
    {
        var fake = new FakeIam()
            .User("alice", FakeIam.Active("AKIAKEEP"), FakeIam.Inactive("AKIAGONE"))
            .User("bob", FakeIam.Active("AKIABOB1"), FakeIam.Active("AKIABOB2"))
            .User("carol", FakeIam.Active("AKIACAROL"))
            .User("dave");
        var iam = new ListingIam(fake, ["carol", "alice", "dave", "bob"]);

        var results = await new Verifier(iam).VerifyEveryUserAsync([new VerifyTarget(Account, "alice", "AKIAKEEP")], Account, CancellationToken.None);

        Assert.Equal(["alice", "bob", "carol", "dave"], results.Select(r => r.User));
        Assert.True(results[0].Planned);
        Assert.All(results.Skip(1), r => Assert.False(r.Planned));
        Assert.Equal([true, false, true, true], results.Select(r => r.Passed));
        var bob = results[1];
        Assert.True(bob.MoreThanOneActiveKey);
        Assert.Null(bob.KeepKey);
        Assert.Contains("not in the plan", bob.Detail);
        Assert.Equal(1, results.Count(r => r.MoreThanOneActiveKey));
    }

    [Fact]
    public async Task Every_user_that_cannot_be_listed_is_a_failed_row_never_a_silent_pass()
    {
        var fake = new FakeIam().User("alice", FakeIam.Active("AKIAKEEP"));
        var iam = new ListingIam(fake, ["alice"], denyListUsers: true);

        var results = await new Verifier(iam).VerifyEveryUserAsync([new VerifyTarget(Account, "alice", "AKIAKEEP")], Account, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.True(results[0].Passed);
        Assert.Equal(Verifier.EveryUser, results[1].User);
        Assert.False(results[1].Passed);
        Assert.Contains("could not list the account's users", results[1].Detail);
    }

    [Fact]
    public async Task A_target_of_another_account_is_not_verified()
    {
        var iam = new FakeIam().User("alice", FakeIam.Active("AKIAKEEP"));

        var result = Assert.Single(await Verify(iam, new VerifyTarget("111122223333", "alice", "AKIAKEEP")));

        Assert.False(result.Passed);
        Assert.Contains("not verified", result.Detail);
        Assert.Equal(0, iam.ListAccessKeysCalls);
    }
}
