using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using KeyWarden.Aws.Iam;

namespace KeyWarden.Aws.Tests;

/// <summary>
/// An HTTP server on 127.0.0.1 that records requests and answers with queued responses, so the whole SDK
/// pipeline (marshal, sign, send, unmarshal) runs offline.
/// </summary>
public sealed class StubAwsServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(int Status, string Body, IReadOnlyDictionary<string, string>? Headers)> responses = new();
    private readonly Task loop;

    public StubAwsServer()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Queues an answer; a body starting with <c>{</c> is sent as JSON 1.1, anything else as XML.</summary>
    public StubAwsServer Respond(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        responses.Enqueue((status, body, headers));
        return this;
    }

    /// <summary>Answers every request not served from the queue (e.g. a seeded fault mix); called under a lock.</summary>
    public Func<RecordedRequest, (int Status, string Body)>? Responder { get; set; }

    /// <summary>Answers requests by echoing their headers back inside an IAM error message (a hostile or broken endpoint).</summary>
    public bool EchoHeaders { get; set; }

    /// <summary>An IAM client pointed at this server with static credentials and no retries.</summary>
    public IamClient CreateIamClient() =>
        new(new BasicAWSCredentials("AKIASTUB", "stub-secret"), new IamConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>An Organizations client pointed at this server with static credentials and no retries.</summary>
    public KeyWarden.Aws.Organizations.OrganizationsClient CreateOrganizationsClient(int maxErrorRetry = 0) =>
        new(new BasicAWSCredentials("AKIASTUB", "stub-secret"), new KeyWarden.Aws.Organizations.OrganizationsConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = maxErrorRetry });

    /// <summary>A Security Hub client pointed at this server with static credentials (region us-east-1).</summary>
    public KeyWarden.Aws.SecurityHub.SecurityHubClient CreateSecurityHubClient(int maxErrorRetry = 0) =>
        new(new BasicAWSCredentials("AKIASTUB", "stub-secret"), new KeyWarden.Aws.SecurityHub.SecurityHubConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = maxErrorRetry, ThrottleRetries = false });

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var contentType = context.Request.ContentType ?? "";
            var form = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) ? ParseForm(body) : [];
            var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.HttpMethod, contentType, context.Request.Headers["Authorization"] ?? "", form, body, headers, context.Request.Url?.AbsolutePath ?? "");
            (int, string, IReadOnlyDictionary<string, string>?) answer;
            lock (Requests)
            {
                Requests.Add(recorded);
                answer = responses.TryDequeue(out var queued) ? queued
                    : EchoHeaders ? (403, EchoedHeaders(context.Request.Headers), null)
                    : Responder is { } responder ? WithoutHeaders(responder(recorded))
                    : (500, "<ErrorResponse><Error><Code>NoStub</Code><Message>no response queued</Message></Error></ErrorResponse>", null);
            }
            var (status, responseBody, responseHeaders) = answer;
            var bytes = Encoding.UTF8.GetBytes(responseBody);
            context.Response.StatusCode = status;
            context.Response.ContentType = responseBody.StartsWith('{') ? "application/x-amz-json-1.1" : "text/xml";
            foreach (var (name, value) in responseHeaders ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static (int, string, IReadOnlyDictionary<string, string>?) WithoutHeaders((int Status, string Body) answer) => (answer.Status, answer.Body, null);

    private static string EchoedHeaders(System.Collections.Specialized.NameValueCollection headers)
    {
        var text = string.Join("; ", headers.AllKeys.Select(k => $"{k}={headers[k]}"));
        return $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied; you sent {System.Security.SecurityElement.Escape(text)}</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
