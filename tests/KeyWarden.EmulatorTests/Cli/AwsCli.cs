using System.Diagnostics;
using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>The real AWS CLI, as the independent cross-check of what KeyWarden reports and changes.</summary>
public static class AwsCli
{
    /// <summary>`aws iam list-access-keys --user-name USER`: key id → status.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ListAccessKeysAsync(MotoServer moto, MotoCredentials credentials, string user)
    {
        var info = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "iam", "list-access-keys", "--user-name", user, "--output", "json", "--endpoint-url", moto.Url })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in moto.ProcessEnvironment(credentials))
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"aws iam list-access-keys failed: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("AccessKeyMetadata").EnumerateArray()
            .ToDictionary(k => k.GetProperty("AccessKeyId").GetString()!, k => k.GetProperty("Status").GetString()!);
    }
}
