using System.Net;
using System.Text;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// A broken or hostile endpoint on 127.0.0.1: every request is refused with an AWS error whose message echoes the
/// request's headers back (X-Amz-Security-Token included), as some proxies and misconfigured gateways do.
/// </summary>
public sealed class HeaderEchoServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly List<string> receivedHeaders = [];

    private readonly Func<string, (int Status, string Body)?>? answer;
    private readonly List<string> receivedBodies = [];

    /// <param name="answer">Given a request's form body, the answer to send instead of the echo (null: echo).</param>
    public HeaderEchoServer(Func<string, (int Status, string Body)?>? answer = null)
    {
        this.answer = answer;
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Every header line received ("Name=value"), to prove what the tool sent.</summary>
    public IReadOnlyList<string> ReceivedHeaders
    {
        get { lock (receivedHeaders) return [.. receivedHeaders]; }
    }

    /// <summary>Every request's form body, in order.</summary>
    public IReadOnlyList<string> ReceivedBodies
    {
        get { lock (receivedBodies) return [.. receivedBodies]; }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            var headers = context.Request.Headers.AllKeys.Select(k => $"{k}={context.Request.Headers[k]}").ToList();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = await reader.ReadToEndAsync();
            lock (receivedHeaders) receivedHeaders.AddRange(headers);
            lock (receivedBodies) receivedBodies.Add(form);
            var message = System.Security.SecurityElement.Escape("request denied; you sent " + string.Join("; ", headers));
            var (status, text) = answer?.Invoke(form)
                ?? (403, $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message></Error><RequestId>echo</RequestId></ErrorResponse>");
            var body = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
