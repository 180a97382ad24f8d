using System.Text.RegularExpressions;

namespace KeyWarden.Aws;

/// <summary>
/// The shared config and credentials files, read only for what the SDK's own reader cannot give safely: where a
/// malformed line is (the SDK's message quotes the line, secret included) and which secret values they hold, so the
/// redactor knows them before any credential is resolved, even from a line the SDK rejects.
/// </summary>
public static partial class AwsProfileFiles
{
    private static readonly string[] SecretKeys = ["aws_secret_access_key", "aws_session_token", "aws_security_token"];

    /// <summary>The credentials file and the config file, as the SDK and the AWS CLI locate them.</summary>
    public static IReadOnlyList<string> Paths(Func<string, string?> getEnvironmentVariable)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string Path(string variable, string name) =>
            getEnvironmentVariable(variable) is { Length: > 0 } set ? set : System.IO.Path.Combine(home, ".aws", name);
        return [Path("AWS_SHARED_CREDENTIALS_FILE", "credentials"), Path("AWS_CONFIG_FILE", "config")];
    }

    /// <summary>
    /// The secret values the environment and the profile files hold: AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, and
    /// every <c>aws_secret_access_key</c>/<c>aws_session_token</c> line, read leniently (<c>key: value</c> too).
    /// </summary>
    public static IReadOnlyList<string> SecretValues(Func<string, string?> getEnvironmentVariable)
    {
        var values = new List<string>();
        foreach (var variable in new[] { "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN" })
        {
            if (getEnvironmentVariable(variable) is { Length: > 0 } value) values.Add(value.Trim());
        }

        foreach (var path in Paths(getEnvironmentVariable))
        {
            foreach (var line in ReadLines(path))
            {
                var match = SecretLine().Match(line);
                if (match.Success && SecretKeys.Contains(match.Groups["key"].Value.ToLowerInvariant()) && match.Groups["value"].Value.Trim() is { Length: > 0 } value)
                    values.Add(value);
            }
        }

        return values;
    }

    /// <summary>
    /// A one-line description of the SDK's "Line N:&lt;text&gt;" error naming the file and the line number, never the text;
    /// null when <paramref name="exception"/> is not that error.
    /// </summary>
    public static string? DescribeMalformedLine(Exception exception, Func<string, string?> getEnvironmentVariable)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is not InvalidDataException) continue;
            var match = SdkLineError().Match(e.Message);
            if (!match.Success) continue;
            var number = int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var text = match.Groups["text"].Value;
            var paths = Paths(getEnvironmentVariable);
            var file = paths.FirstOrDefault(p => LineMatches(p, number, text));
            var where = file ?? string.Join(" or ", paths);
            return $"malformed line {number} in the AWS shared config/credentials file {where} (expected 'name = value' or '[profile]'; the line's text is not shown because it may hold a secret)";
        }

        return null;
    }

    private static bool LineMatches(string path, int number, string text)
    {
        var lines = ReadLines(path);
        // The SDK counts lines from 1; accept 0-based too, so a change of convention still finds the file.
        return (number >= 1 && number <= lines.Count && lines[number - 1].Trim() == text.Trim())
            || (number >= 0 && number < lines.Count && lines[number].Trim() == text.Trim());
    }

    private static List<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? [.. File.ReadLines(path)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_]+)\s*[=:]\s*(?<value>.*)$")]
    private static partial Regex SecretLine();

    [GeneratedRegex(@"Line (?<number>\d+):\s*<(?<text>.*)>", RegexOptions.Singleline)]
    private static partial Regex SdkLineError();
}
