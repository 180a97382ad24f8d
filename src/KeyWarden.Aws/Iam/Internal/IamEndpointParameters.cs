using Amazon.Runtime.Endpoints;

namespace KeyWarden.Aws.Iam.Internal;

/// <summary>Inputs of IAM endpoint resolution (a subset of the IAM endpoint rule set's parameters).</summary>
public sealed class IamEndpointParameters : EndpointParameters
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
