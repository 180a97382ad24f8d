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
    private readonly ConcurrentQueue<(int Status, string Body)> responses = new();
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

    public StubAwsServer Respond(int status, string body)
    {
        responses.Enqueue((status, body));
        return this;
    }

    /// <summary>Answers every request not served from the queue (e.g. a seeded fault mix); called under a lock.</summary>
    public Func<RecordedRequest, (int Status, string Body)>? Responder { get; set; }

    /// <summary>Answers requests by echoing their headers back inside an IAM error message (a hostile or broken endpoint).</summary>
    public bool EchoHeaders { get; set; }

    /// <summary>An IAM client pointed at this server with static credentials and no retries.</summary>
    public IamClient CreateIamClient() =>
        new(new BasicAWSCredentials("AKIASTUB", "stub-secret"), new IamConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var recorded = new RecordedRequest(context.Request.HttpMethod, context.Request.ContentType ?? "", context.Request.Headers["Authorization"] ?? "", ParseForm(body));
            (int, string) answer;
            lock (Requests)
            {
                Requests.Add(recorded);
                answer = responses.TryDequeue(out var queued) ? queued
                    : EchoHeaders ? (403, EchoedHeaders(context.Request.Headers))
                    : Responder is { } responder ? responder(recorded)
                    : (500, "<ErrorResponse><Error><Code>NoStub</Code><Message>no response queued</Message></Error></ErrorResponse>");
            }
            var (status, responseBody) = answer;
            var bytes = Encoding.UTF8.GetBytes(responseBody);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

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
