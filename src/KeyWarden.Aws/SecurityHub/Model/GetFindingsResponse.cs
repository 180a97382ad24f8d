using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

public sealed class GetFindingsResponse : AmazonWebServiceResponse
{
    /// <summary>Each an <c>AwsSecurityFinding</c> as the service returned it (ASFF JSON).</summary>
    public List<JsonObject> Findings { get; set; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }
}
