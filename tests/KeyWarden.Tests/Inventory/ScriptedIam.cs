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

    private readonly Dictionary<string, DateTime> _created = new(StringComparer.Ordinal);

    /// <summary>Calls per IAM action (and GetCallerIdentity), to pin how many requests a source makes.</summary>
    public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a credential report exists before the first GenerateCredentialReport (moto: no).</summary>
    public bool ReportPresent { get; set; }

    /// <summary>The GeneratedTime GetCredentialReport answers; the report's rows are built from the users at each call, like moto.</summary>
    public DateTime ReportGeneratedAt { get; set; } = new(2026, 11, 28, 8, 0, 0, DateTimeKind.Utc);

    public int TotalCalls => Calls.Values.Sum();

    public ScriptedIam User(string name, params (string Id, string Status, DateTime? LastUsed)[] keys)
    {
        _users.Add((name, keys.ToList()));
        return this;
    }

    /// <summary>A user whose keys have their own creation times (the default is one fixed instant for every key).</summary>
    public ScriptedIam UserCreated(string name, params (string Id, string Status, DateTime? LastUsed, DateTime Created)[] keys)
    {
        foreach (var key in keys)
        {
            _created[key.Id] = key.Created;
        }

        return User(name, [.. keys.Select(k => (k.Id, k.Status, k.LastUsed))]);
    }

    // Sources call concurrently (--max-concurrency): the count is taken under a lock.
    private void Count(string action)
    {
        lock (Calls)
        {
            Calls[action] = Calls.GetValueOrDefault(action) + 1;
        }
    }

    private DateTime CreatedOf(string keyId) => _created.TryGetValue(keyId, out var created) ? created : Created;

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

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        Count("GetCallerIdentity");
        return Task.FromResult(new CallerIdentity(Account, $"arn:aws:iam::{Account}:user/auditor", "AIDAAUDITOR"));
    }

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default)
    {
        Count("ListUsers");
        return Task.FromResult(new ListUsersResponse
        {
            Users = _users.Select(u => new User { UserName = u.User, Arn = $"arn:aws:iam::{Account}:user/{u.User}", CreateDate = Created }).ToList(),
        });
    }

    public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default)
    {
        Count("ListAccessKeys");
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
            AccessKeyMetadata = user.Keys.Select(k => new AccessKeyMetadata { UserName = user.User, AccessKeyId = k.Id, Status = k.Status, CreateDate = CreatedOf(k.Id) }).ToList(),
        });
    }

    public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default)
    {
        Count("GetAccessKeyLastUsed");
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

    public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default)
    {
        Count("GetAccountSummary");
        return AccountSummaryFault is { } fault ? throw fault() : Task.FromResult(new GetAccountSummaryResponse());
    }

    public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    /// <summary>Like moto: STARTED the first time, COMPLETE after; the report exists from then on.</summary>
    public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default)
    {
        Count("GenerateCredentialReport");
        var state = ReportPresent ? "COMPLETE" : "STARTED";
        ReportPresent = true;
        return Task.FromResult(new GenerateCredentialReportResponse { State = state });
    }

    /// <summary>The users' keys as a credential report: last_rotated is each key's creation second, last use with s3 / us-east-1.</summary>
    public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default)
    {
        Count("GetCredentialReport");
        if (!ReportPresent)
        {
            throw new ReportNotPresentException("Credential report not present", null, ErrorType.Sender, ReportNotPresentException.Code, "r", HttpStatusCode.Gone);
        }

        static string Date(DateTime? at) => at is { } d ? d.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture) : "N/A";
        var csv = new System.Text.StringBuilder(
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
            + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        csv.Append($"<root_account>,arn:aws:iam::{Account}:root,{Date(Created)},not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        foreach (var (user, keys) in _users)
        {
            csv.Append($"{user},arn:aws:iam::{Account}:user/{user},{Date(Created)},false,N/A,N/A,N/A,false");
            for (var slot = 0; slot < 2; slot++)
            {
                if (slot < keys.Count)
                {
                    var k = keys[slot];
                    var used = k.LastUsed is not null;
                    csv.Append($",{(k.Status == "Active" ? "true" : "false")},{Date(CreatedOf(k.Id))},{Date(k.LastUsed)},{(used ? "us-east-1" : "N/A")},{(used ? "s3" : "N/A")}");
                }
                else
                {
                    csv.Append(",false,N/A,N/A,N/A,N/A");
                }
            }

            csv.Append(",false,N/A,false,N/A\n");
        }

        return Task.FromResult(new GetCredentialReportResponse
        {
            Content = System.Text.Encoding.UTF8.GetBytes(csv.ToString()),
            ReportFormat = "text/csv",
            GeneratedTime = ReportGeneratedAt,
        });
    }

    public void Dispose()
    {
    }

    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
