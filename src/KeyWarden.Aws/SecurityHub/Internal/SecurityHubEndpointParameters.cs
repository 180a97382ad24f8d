using Amazon.Runtime.Endpoints;

namespace KeyWarden.Aws.SecurityHub.Internal;

/// <summary>Inputs of Security Hub endpoint resolution (the rule set's parameters but UseDualStack, which KeyWarden never sets).</summary>
public sealed class SecurityHubEndpointParameters : EndpointParameters
{
    public string? Region
    {
        get => (string?)this["Region"];
        set => this["Region"] = value;
    }

    public bool? UseFIPS
    {
        get => (bool?)this["UseFIPS"];
        set => this["UseFIPS"] = value;
    }

    public string? Endpoint
    {
        get => (string?)this["Endpoint"];
        set => this["Endpoint"] = value;
    }
}
