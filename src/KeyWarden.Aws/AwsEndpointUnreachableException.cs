namespace KeyWarden.Aws;

/// <summary>
/// The service endpoint could not be reached at all (connection refused, DNS failure, timeout, TLS failure):
/// no AWS answer exists to report. The message is one line naming the service and the endpoint.
/// </summary>
public sealed class AwsEndpointUnreachableException : Exception
{
    public AwsEndpointUnreachableException(string service, string endpoint, string reason, Exception innerException)
        : base($"could not reach {service} endpoint {endpoint}: {reason}", innerException)
    {
        Service = service;
        Endpoint = endpoint;
        Reason = reason;
    }

    public string Service { get; }
    public string Endpoint { get; }
    public string Reason { get; }
}
