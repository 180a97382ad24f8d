namespace KeyWarden.Aws.Organizations.Model;

/// <summary>A member account as ListAccounts / ListAccountsForParent return it (botocore shape <c>Account</c>).</summary>
public sealed class Account
{
    /// <summary>The 12-digit account id.</summary>
    public string? Id { get; set; }

    public string? Arn { get; set; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    /// <summary>
    /// PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED (<see cref="AccountState"/>). Read this, not
    /// <see cref="Status"/>: Status retires on 2026-09-09. Null when the service did not send it (older emulators).
    /// </summary>
    public string? State { get; set; }

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE: the retiring field (see <see cref="State"/>).</summary>
    public string? Status { get; set; }

    /// <summary>INVITED or CREATED.</summary>
    public string? JoinedMethod { get; set; }

    /// <summary>UTC; sent as epoch seconds, with a fraction.</summary>
    public DateTime? JoinedTimestamp { get; set; }
}
