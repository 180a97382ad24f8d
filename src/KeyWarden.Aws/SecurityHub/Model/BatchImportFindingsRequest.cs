using System.Text.Json.Nodes;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>
/// <c>POST /findings/import</c>. Each finding is an <c>AwsSecurityFinding</c> as ASFF JSON, sent as is: KeyWarden's
/// ASFF writer already produces that shape (checked against botocore's model by its tests), so the client does not
/// re-model its hundreds of members. At most 100 findings a call; a finding over 240 KB is refused by the service.
/// </summary>
public sealed class BatchImportFindingsRequest : AmazonSecurityHubRequest
{
    /// <summary>Maximum findings per call (the model's documentation: "Maximum of 100 findings per request").</summary>
    public const int MaxFindings = 100;

    /// <summary>Maximum size of one finding, 240 KB ("An error is returned for any finding larger than 240 Kb").</summary>
    public const int MaxFindingBytes = 240 * 1024;

    public List<JsonObject> Findings { get; set; } = [];
}
