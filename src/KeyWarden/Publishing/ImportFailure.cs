namespace KeyWarden.Publishing;

/// <summary>A finding that was not imported: its Id and why (the service's error code and message, or KeyWarden's own reason).</summary>
public sealed record ImportFailure(string Id, string Reason);
