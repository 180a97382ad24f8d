using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace KeyWarden.Aws;

/// <summary>Recognises transport failures and names the endpoint they happened on.</summary>
internal static class EndpointFailures
{
    public static async Task<T> Translate<T>(string service, Func<string> endpoint, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Reason(ex, cancellationToken) is { } reason)
        {
            string url;
            try { url = endpoint().TrimEnd('/'); }
            catch (Exception) { url = "(unresolved)"; }
            throw new AwsEndpointUnreachableException(service, url, reason, ex);
        }
    }

    /// <summary>A short reason when <paramref name="ex"/> is a transport failure; null otherwise.</summary>
    public static string? Reason(Exception ex, CancellationToken cancellationToken = default)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException s:
                    return s.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host not found (DNS lookup failed)",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                        SocketError.ConnectionReset => "connection reset",
                        _ => OneLine(s.Message),
                    };
                case AuthenticationException a:
                    return "TLS handshake failed: " + OneLine(a.Message);
                case TimeoutException:
                    return "timed out";
            }
        }
        return ex switch
        {
            OperationCanceledException => "timed out",
            HttpRequestException h => OneLine(h.Message),
            IOException io => OneLine(io.Message),
            _ => null,
        };
    }

    private static string OneLine(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
