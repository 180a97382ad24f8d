using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;
using KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>
/// The client against the authoritative model: botocore's organizations service-2.json from the machine's python3.
/// Skipped where python3 has no botocore (failed when CI=true).
/// </summary>
public sealed class OrganizationsModelTests
{
    private static readonly string[] Operations = ["ListAccounts", "ListAccountsForParent", "ListOrganizationalUnitsForParent", "DescribeOrganization"];

    // Members the tool does not read, on purpose: Paths/Path are new (2025) and a listing never needs them.
    private static readonly HashSet<string> NotRead = ["Account.Paths", "OrganizationalUnit.Path"];

    private static readonly Lazy<JsonElement?> Model = new(Load);

    private static JsonElement Service()
    {
        var model = Model.Value;
        if (model is null)
        {
            const string hint = "python3 with botocore is not available to read organizations/2016-11-28/service-2.json";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) throw new InvalidOperationException(hint);
            throw new SkipException(hint);
        }
        return model.Value;
    }

    [SkippableFact]
    public void Protocol_target_signing_name_and_version_match_the_model()
    {
        var metadata = Service().GetProperty("metadata");
        Assert.Equal("json", metadata.GetProperty("protocol").GetString());
        Assert.Equal("1.1", metadata.GetProperty("jsonVersion").GetString());
        Assert.Equal(OrganizationsJsonRequest.TargetPrefix, metadata.GetProperty("targetPrefix").GetString());
        Assert.Equal(OrganizationsJsonRequest.ContentType, "application/x-amz-json-" + metadata.GetProperty("jsonVersion").GetString());
        var config = new OrganizationsConfig();
        Assert.Equal(metadata.GetProperty("endpointPrefix").GetString(), config.AuthenticationServiceName);
        Assert.Equal(metadata.GetProperty("apiVersion").GetString(), config.ServiceVersion);
        Assert.Equal(metadata.GetProperty("serviceId").GetString(), OrganizationsConfig.ServiceId);
    }

    [SkippableFact]
    public void Every_error_the_operations_model_has_its_typed_exception()
    {
        var operations = Service().GetProperty("operations");
        var errors = Operations.SelectMany(op => operations.GetProperty(op).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("shape").GetString()!)).Distinct().ToList();

        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            var type = typeof(AccessDeniedException).Assembly.GetType($"KeyWarden.Aws.Organizations.Model.{error}");
            Assert.True(type != null && type.IsSubclassOf(typeof(AmazonOrganizationsException)), $"no typed exception for {error}");
            Assert.Equal(error, type!.GetField("Code", BindingFlags.Public | BindingFlags.Static)!.GetValue(null));
        }
    }

    [SkippableFact]
    public void Every_member_of_the_request_and_result_shapes_is_a_property()
    {
        var shapes = Service().GetProperty("shapes");
        (string Shape, Type Type)[] pairs =
        [
            ("Account", typeof(Account)), ("OrganizationalUnit", typeof(OrganizationalUnit)), ("Organization", typeof(Organization)),
            ("PolicyTypeSummary", typeof(PolicyTypeSummary)),
            ("ListAccountsRequest", typeof(ListAccountsRequest)), ("ListAccountsResponse", typeof(ListAccountsResponse)),
            ("ListAccountsForParentRequest", typeof(ListAccountsForParentRequest)), ("ListAccountsForParentResponse", typeof(ListAccountsForParentResponse)),
            ("ListOrganizationalUnitsForParentRequest", typeof(ListOrganizationalUnitsForParentRequest)),
            ("ListOrganizationalUnitsForParentResponse", typeof(ListOrganizationalUnitsForParentResponse)),
            ("DescribeOrganizationResponse", typeof(DescribeOrganizationResponse)),
        ];
        foreach (var (shape, type) in pairs)
        {
            foreach (var member in shapes.GetProperty(shape).GetProperty("members").EnumerateObject())
            {
                if (NotRead.Contains($"{shape}.{member.Name}")) continue;
                Assert.True(type.GetProperty(member.Name) != null, $"{type.Name} lacks the model's {shape}.{member.Name}");
            }
        }

        // The enum State is read from; the model's values are the constants.
        var states = shapes.GetProperty("AccountState").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).Order(StringComparer.Ordinal);
        var constants = typeof(AccountState).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string?)f.GetValue(null)).Order(StringComparer.Ordinal);
        Assert.Equal(states, constants);
        Assert.Equal(OrganizationsPaginators.PageSize, shapes.GetProperty("MaxResults").GetProperty("max").GetInt32());
    }

    private static JsonElement? Load()
    {
        try
        {
            var start = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var dir = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(30_000);
            if (process.ExitCode != 0 || dir.Length == 0) return null;
            var path = Path.Combine(dir, "data", "organizations", "2016-11-28", "service-2.json");
            using Stream stream = File.Exists(path) ? File.OpenRead(path) : new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress);
            return JsonDocument.Parse(stream).RootElement.Clone();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or JsonException)
        {
            return null;
        }
    }
}
