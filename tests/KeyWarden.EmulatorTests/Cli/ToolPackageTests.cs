using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The NuGet tool package as a user gets it: packed without a warning, carrying its readme, licence, repository and
/// tags, installed into a temporary tool path from the local package only (a nuget.config that clears every other
/// source: offline), and run as `keywarden`.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-pack-").FullName;

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // No terminal logger or first-run banner in the output the test reads.
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDTERMINALLOGGER"] = "off";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_package_packs_without_warnings_installs_offline_and_runs_the_sample_audit()
    {
        var packages = Path.Combine(_dir, "packages");
        var pack = await RunAsync("dotnet", RepositoryFiles.Root,
            "pack", "src/KeyWarden", "-c", "Release", "-o", packages, "--no-restore", $"-p:BaseOutputPath={_dir}/bin/", "-p:PackageOutputPath=" + packages);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);

        var package = Assert.Single(Directory.GetFiles(packages, "KeyWarden.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            Assert.NotNull(zip.GetEntry("README.md"));
            using var nuspecStream = zip.GetEntry("KeyWarden.nuspec")!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("README.md", Field("readme"));
            Assert.Equal("MIT", Field("license"));
            Assert.Contains("cis", Field("tags")!.Split(' '));
            Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
        }

        var config = Path.Combine(_dir, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_dir, "tools");
        var install = await RunAsync("dotnet", _dir, "tool", "install", "--tool-path", tools, "--configfile", config, "KeyWarden");
        Assert.True(install.ExitCode == 0, install.Output);

        var keywarden = Path.Combine(tools, OperatingSystem.IsWindows() ? "keywarden.exe" : "keywarden");
        var version = await RunAsync(keywarden, _dir, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Output.Trim());

        var audit = await RunAsync(keywarden, _dir, "audit", "--credential-report", Path.Combine(RepositoryFiles.Root, "samples", "credential-report.csv"));
        Assert.True(audit.ExitCode == 1, audit.Output); // the sample has failing users
        Assert.Contains("FAIL", audit.Output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
