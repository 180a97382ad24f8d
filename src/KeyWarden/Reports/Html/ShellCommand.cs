using System.Text.RegularExpressions;

namespace KeyWarden.Reports.Html;

/// <summary>
/// The AWS CLI commands the HTML page offers to copy, as POSIX shell text. User names come from the data (a crafted
/// credential report can hold anything), so every argument is quoted unless it is made only of characters the shell
/// never interprets; the page HTML-escapes the result on top.
/// </summary>
internal static partial class ShellCommand
{
    public static string DeactivateKey(string userName, string keyId) =>
        $"aws iam update-access-key {UserName(userName)} --access-key-id {Quote(keyId)} --status Inactive";

    public static string ListKeys(string userName) => $"aws iam list-access-keys {UserName(userName)}";

    /// <summary>
    /// IAM allows a name to start with '-', which the CLI's argument parser would read as an option even when quoted
    /// (the shell strips the quotes): such a name is passed attached, <c>--user-name=-name</c>.
    /// </summary>
    private static string UserName(string name) => name.StartsWith('-') ? $"--user-name={Quote(name)}" : $"--user-name {Quote(name)}";

    /// <summary>Bare when every character is one IAM allows in a name (letters, digits, <c>+=,.@_-</c>), else single-quoted.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && Bare().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]+$")]
    private static partial Regex Bare();
}
