namespace KeyWarden.Accounts;

/// <summary>A session meant for one account answered for another: nothing is read or changed through it.</summary>
public sealed class AccountMismatchException(string message) : Exception(message);
