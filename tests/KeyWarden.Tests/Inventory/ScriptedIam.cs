using System.Net;
using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Tests.Inventory;

/// <summary>
/// An in-memory IAM for the live sources: users with keys, plus faults a test scripts per call — an exception for
/// one user's ListAccessKeys or one key's GetAccessKeyLastUsed, or a hook run before a call (to delete a key between
/// ListAccessKeys and GetAccessKeyLastUsed). Faults stand for what is left after the client's retries.
/// </summary>
internal sealed class ScriptedIam : IIamClient, ICallerIdentityClient
{
    public const string Account = "123456789012";

    private readonly List<(string User, List<(string Id, string Status, DateTime? LastUsed)> Keys)> _users = [];

    public Dictionary<string, Func<Exception>> ListAccessKeysFaults { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<Exception>> LastUsedFaults { get; } = new(StringComparer.Ordinal);

    public Action<string>? BeforeGetAccessKeyLastUsed { get; set; }

    public Func<Exception>? AccountSummaryFault { get; set; }

    public ScriptedIam User(string name, params (string Id, string Status, DateTime? LastUsed)[] keys)
    {
        _users.Add((name, keys.ToList()));
        return this;
    }

    public void DeleteKey(string keyId)
    {
        foreach (var (_, keys) in _users)
        {
            keys.RemoveAll(k => k.Id == keyId);
        }
    }

    public static Exception Throttling() =>
        new ThrottlingException("Rate exceeded", null, ErrorType.Sender, ThrottlingException.Code, "r", HttpStatusCode.BadRequest);

    public static Exception ServiceFailure() =>
        new ServiceFailureException("Internal failure", null, ErrorType.Receiver, ServiceFailureException.Code, "r", HttpStatusCode.InternalServerError);

    public static Exception ExpiredToken() =>
        new ExpiredTokenException("The security token included in the request is expired", null, ErrorType.Sender, ExpiredTokenException.Code, "r", HttpStatusCode.Forbidden);

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new CallerIdentity(Account, $"arn:aws:iam::{Account}:user/auditor", "AIDAAUDITOR"));

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListUsersResponse
        {
            Users = _users.Select(u => new User { UserName = u.User, Arn = $"arn:aws:iam::{Account}:user/{u.User}", CreateDate = Created }).ToList(),
        });

    public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default)
    {
        if (ListAccessKeysFaults.TryGetValue(request.UserName!, out var fault))
        {
            throw fault();
        }

        var user = _users.SingleOrDefault(u => u.User == request.UserName);
        if (user.Keys is null)
        {
            throw new NoSuchEntityException($"The user with name {request.UserName} cannot be found.", null, ErrorType.Sender, NoSuchEntityException.Code, "r", HttpStatusCode.NotFound);
        }

        return Task.FromResult(new ListAccessKeysResponse
        {
            AccessKeyMetadata = user.Keys.Select(k => new AccessKeyMetadata { UserName = user.User, AccessKeyId = k.Id, Status = k.Status, CreateDate = Created }).ToList(),
        });
    }

    public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default)
    {
        BeforeGetAccessKeyLastUsed?.Invoke(request.AccessKeyId);
        if (LastUsedFaults.TryGetValue(request.AccessKeyId, out var fault))
        {
            throw fault();
        }

        var key = _users.SelectMany(u => u.Keys).Where(k => k.Id == request.AccessKeyId).ToList();
        if (key.Count == 0)
        {
            // What IAM (and moto) answer for a key deleted since it was listed.
            throw new NoSuchEntityException($"The Access Key with id {request.AccessKeyId} cannot be found", null, ErrorType.Sender, NoSuchEntityException.Code, "r", HttpStatusCode.NotFound);
        }

        return Task.FromResult(new GetAccessKeyLastUsedResponse
        {
            AccessKeyLastUsed = key[0].LastUsed is { } used
                ? new AccessKeyLastUsed { LastUsedDate = used, ServiceName = "s3", Region = "us-east-1" }
                : new AccessKeyLastUsed { ServiceName = "N/A", Region = "N/A" },
        });
    }

    public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) =>
        AccountSummaryFault is { } fault ? throw fault() : Task.FromResult(new GetAccountSummaryResponse());

    public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public void Dispose()
    {
    }

    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
