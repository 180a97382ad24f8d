using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// Decisions that need a person, and audits that must not pass by accident, through the real CLI against moto:
/// a rotation in progress is never planned by default and is completed only once the new key is in use; a
/// --principal glob that matches nothing and an --as-of before the data exit 2; moto's report without a root row
/// is a note (custom endpoint), not a silent pass.
/// </summary>
public sealed class DecisionsCliEmulatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-decisions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PlanPath => Path.Combine(_dir, "plan.json");

    private static string Tag() => "d" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> PlanAsync(MotoServer moto, string tag, params string[] extra)
    {
        var result = await KeywardenProcess.RunAsync(moto, MotoCredentials.Anonymous, ["plan", "--source", "live", "--out", PlanPath, "--principal", $"{tag}-*", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(PlanPath));
        return doc.RootElement.Clone();
    }

    [SkippableFact]
    public async Task A_rotation_in_progress_is_skipped_until_the_new_key_is_in_use_and_include_rotations_is_given()
    {
        var moto = MotoEnvironment.Plain();
        var seeder = MotoSeeder.ForPlain(moto);
        var tag = Tag();
        var user = await seeder.CreateUserAsync(tag, keys: [KeyState.Active]);
        await seeder.UseKeyAsync(user.Keys[0]);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // IAM creation times have second precision: the new key must be younger
        var newKey = await seeder.CreateKeyAsync(user.UserName);
        var oldKey = user.Keys[0];

        var byDefault = await PlanAsync(moto, tag);
        Assert.Empty(byDefault.GetProperty("steps").EnumerateArray());
        var skip = Assert.Single(byDefault.GetProperty("skipped").EnumerateArray());
        Assert.Equal("rotation-in-progress", skip.GetProperty("classification").GetString());
        Assert.Equal(newKey.AccessKeyId, skip.GetProperty("keep").GetString());
        Assert.Matches(@"^rotation in progress; re-plan after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", skip.GetProperty("reason").GetString());

        // The new key has not worked yet: completing the rotation could leave the application with no working key.
        var notYet = await PlanAsync(moto, tag, "--include-rotations", "--include-needs-review");
        Assert.Empty(notYet.GetProperty("steps").EnumerateArray());
        Assert.Contains("is not in use yet", Assert.Single(notYet.GetProperty("skipped").EnumerateArray()).GetProperty("reason").GetString());

        await seeder.UseKeyAsync(newKey);
        var completed = await PlanAsync(moto, tag, "--include-rotations");
        var step = Assert.Single(completed.GetProperty("steps").EnumerateArray());
        Assert.Equal(oldKey.AccessKeyId, step.GetProperty("deactivateKey").GetString());
        Assert.Equal(newKey.AccessKeyId, step.GetProperty("keepKey").GetString());
        Assert.Equal("rotation-in-progress", step.GetProperty("classification").GetString());
    }

    [SkippableTheory]
    [InlineData("audit")]
    [InlineData("plan")]
    public async Task A_principal_glob_that_matches_nothing_exits_2_naming_it(string command)
    {
        var moto = MotoEnvironment.Plain();
        var tag = Tag();
        await MotoSeeder.ForPlain(moto).CreateUserAsync(tag, keys: [KeyState.Active]);

        string[] output = command == "plan" ? ["--out", PlanPath] : [];

        var result = await KeywardenProcess.RunAsync(moto, MotoCredentials.Anonymous, [command, .. output, "--principal", $"{tag}-*", "--principal", $"{tag}-nobody-*"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--principal '{tag}-nobody-*' matched no principal", result.Stderr);
        Assert.False(File.Exists(PlanPath));
    }

    [SkippableFact]
    public async Task An_as_of_before_the_keys_were_created_exits_2_naming_the_newest_timestamp()
    {
        var moto = MotoEnvironment.Plain();
        var tag = Tag();
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync(tag, keys: [KeyState.Active, KeyState.Active]);

        var result = await KeywardenProcess.RunAsync(moto, MotoCredentials.Anonymous, "audit", "--source", "live", "--principal", $"{tag}-*", "--as-of", "2020-01-01T00:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as-of 2020-01-01T00:00:00Z is earlier than the data's newest timestamp", result.Stderr);
        Assert.Contains(user.UserName, result.Stderr);
    }

    [SkippableFact]
    public async Task Moto_s_report_without_a_root_row_is_said_not_hidden()
    {
        var moto = MotoEnvironment.Plain();
        var tag = Tag();
        await MotoSeeder.ForPlain(moto).CreateUserAsync(tag, keys: [KeyState.Active]);

        var result = await KeywardenProcess.RunAsync(moto, MotoCredentials.Anonymous, "audit", "--source", "credential-report", "--principal", $"{tag}-*");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("has no <root_account> row (emulators such as moto omit it): root's keys were not evaluated", result.Stderr);
    }
}
