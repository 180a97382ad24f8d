using System.Net;
using Amazon.Runtime;
using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Tests.Remediation;

/// <summary>Thrown by <see cref="FakeIam"/> after an UpdateAccessKey went through, to simulate a process killed mid-step.</summary>
internal sealed class SimulatedCrashException() : Exception("simulated crash after UpdateAccessKey");

/// <summary>
/// An in-memory IAM: users with keys (status, last use). Records every UpdateAccessKey; can refuse them with
/// AccessDenied, or "crash" right after one went through.
/// </summary>
internal sealed class FakeIam : IIamClient
{
    public sealed class Key(string id, string status, DateTime? lastUsed)
    {
        public string Id { get; } = id;
        public string Status { get; set; } = status;
        public DateTime? LastUsed { get; set; } = lastUsed;
        public DateTime Created { get; } = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    private readonly Dictionary<string, List<Key>> _users = new(StringComparer.Ordinal);

    public List<UpdateAccessKeyRequest> Updates { get; } = [];

    /// <summary>Every UpdateAccessKey fails with AccessDenied (the caller lacks iam:UpdateAccessKey).</summary>
    public bool DenyUpdates { get; set; }

    /// <summary>The next UpdateAccessKey changes the key, then throws <see cref="SimulatedCrashException"/>.</summary>
    public bool CrashAfterNextUpdate { get; set; }

    /// <summary>Called after an UpdateAccessKey changed the key (e.g. to request cancellation mid-step).</summary>
    public Action<UpdateAccessKeyRequest>? AfterUpdate { get; set; }

    /// <summary>
    /// Decides, per UpdateAccessKey, a failure to throw before the key is changed (the call never took effect),
    /// e.g. throttling after the retries or a connection refused. Null: go on.
    /// </summary>
    public Func<UpdateAccessKeyRequest, Exception?>? FailBeforeUpdate { get; set; }

    /// <summary>
    /// Decides, per UpdateAccessKey, a failure to throw after the key was changed: the change happened, the answer
    /// was lost (a dropped response, a reset connection, a timeout). Null: answer normally.
    /// </summary>
    public Func<UpdateAccessKeyRequest, Exception?>? DropResponseAfterUpdate { get; set; }

    /// <summary>Decides, per ListAccessKeys (by user name), a failure to throw instead of answering.</summary>
    public Func<string, Exception?>? FailListAccessKeys { get; set; }

    public int ListAccessKeysCalls { get; private set; }

    public int GetAccessKeyLastUsedCalls { get; private set; }

    public FakeIam User(string name, params Key[] keys)
    {
        _users[name] = [.. keys];
        return this;
    }

    public static Key Active(string id, DateTime? lastUsed = null) => new(id, "Active", lastUsed);

    public static Key Inactive(string id, DateTime? lastUsed = null) => new(id, "Inactive", lastUsed);

    public Key this[string keyId] => _users.Values.SelectMany(k => k).Single(k => k.Id == keyId);

    public string StatusOf(string keyId) => this[keyId].Status;

    public void DeleteKey(string keyId)
    {
        foreach (var keys in _users.Values)
        {
            keys.RemoveAll(k => k.Id == keyId);
        }
    }

    public void DeleteUser(string name) => _users.Remove(name);

    public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default)
    {
        ListAccessKeysCalls++;
        if (request.UserName is not null && FailListAccessKeys?.Invoke(request.UserName) is { } failure)
        {
            throw failure;
        }

        if (request.UserName is null || !_users.TryGetValue(request.UserName, out var keys))
        {
            throw NoSuchEntity($"The user with name {request.UserName} cannot be found.");
        }

        return Task.FromResult(new ListAccessKeysResponse
        {
            AccessKeyMetadata = keys.Select(k => new AccessKeyMetadata
            {
                UserName = request.UserName, AccessKeyId = k.Id, Status = k.Status, CreateDate = k.Created,
            }).ToList(),
        });
    }

    public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default)
    {
        GetAccessKeyLastUsedCalls++;
        var (user, key) = Find(request.AccessKeyId);
        return Task.FromResult(new GetAccessKeyLastUsedResponse
        {
            UserName = user,
            AccessKeyLastUsed = key.LastUsed is { } used
                ? new AccessKeyLastUsed { LastUsedDate = used, ServiceName = "s3", Region = "us-east-1" }
                : new AccessKeyLastUsed { ServiceName = "N/A", Region = "N/A" },
        });
    }

    public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserName);
        Updates.Add(request);
        if (DenyUpdates)
        {
            throw new AccessDeniedException(
                $"User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:UpdateAccessKey on resource: user {request.UserName}",
                null, ErrorType.Sender, AccessDeniedException.Code, "request-1", HttpStatusCode.Forbidden);
        }

        if (FailBeforeUpdate?.Invoke(request) is { } before)
        {
            throw before;
        }

        if (!_users.TryGetValue(request.UserName, out var keys) || keys.SingleOrDefault(k => k.Id == request.AccessKeyId) is not { } key)
        {
            throw NoSuchEntity($"The Access Key with id {request.AccessKeyId} cannot be found.");
        }

        key.Status = request.Status;
        AfterUpdate?.Invoke(request);
        if (DropResponseAfterUpdate?.Invoke(request) is { } dropped)
        {
            throw dropped;
        }

        if (CrashAfterNextUpdate)
        {
            CrashAfterNextUpdate = false;
            throw new SimulatedCrashException();
        }

        return Task.FromResult(new UpdateAccessKeyResponse());
    }

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public void Dispose()
    {
    }

    private (string User, Key Key) Find(string keyId)
    {
        foreach (var (user, keys) in _users)
        {
            if (keys.FirstOrDefault(k => k.Id == keyId) is { } key)
            {
                return (user, key);
            }
        }

        throw NoSuchEntity($"The Access Key with id {keyId} cannot be found.");
    }

    /// <summary>IAM's answer after the SDK's retries ran out under throttling.</summary>
    public static ThrottlingException Throttled() =>
        new("Rate exceeded", null, ErrorType.Sender, ThrottlingException.Code, "request-t", HttpStatusCode.BadRequest);

    /// <summary>An HTTP 500 from IAM.</summary>
    public static ServiceFailureException ServiceFailure() =>
        new("Request processing has failed due to an unknown error", null, ErrorType.Receiver, ServiceFailureException.Code, "request-5", HttpStatusCode.InternalServerError);

    /// <summary>The connection was reset before an answer came (as KeyWarden.Aws reports a transport failure).</summary>
    public static Exception ConnectionReset() =>
        new AwsEndpointUnreachableException("IAM", "https://iam.amazonaws.com", "connection reset", new HttpRequestException("Connection reset by peer"));

    /// <summary>The HTTP client gave up waiting (HttpClient's timeout surfaces as a TaskCanceledException).</summary>
    public static Exception TimedOut() => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");

    public static InvalidInputException InvalidInput() =>
        new("Invalid access key status", null, ErrorType.Sender, InvalidInputException.Code, "request-i", HttpStatusCode.BadRequest);

    public static AccessDeniedException Denied(string action, string user) =>
        new($"User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:{action} on resource: user {user}",
            null, ErrorType.Sender, AccessDeniedException.Code, "request-1", HttpStatusCode.Forbidden);

    private static NoSuchEntityException NoSuchEntity(string message) =>
        new(message, null, ErrorType.Sender, NoSuchEntityException.Code, "request-1", HttpStatusCode.NotFound);
}
