namespace KeyWarden.Inventory;

/// <summary>IAM did not produce a credential report before the deadline.</summary>
public sealed class CredentialReportUnavailableException(string message) : Exception(message);
