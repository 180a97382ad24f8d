using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// An HTTP/1.1 proxy on 127.0.0.1, in the test process, in front of moto, that injects faults into IAM and STS
/// Query requests (<c>Action=</c> of the form body; both services share moto's one endpoint) by
/// <see cref="Plan"/>: throttling, 500 / 503, a connection reset before forwarding, a dropped response after
/// moto answered, delays. Decisions are deterministic from <see cref="Seed"/> (see <see cref="FaultDecider"/>).
/// A raw socket, not an HTTP server library, so that a reset really is a TCP RST at the chosen instant; the
/// SDK keeps connections alive, so each connection serves many requests (Content-Length or chunked bodies).
/// Headers are forwarded byte for byte (the SigV4 signature covers Host), plus <c>x-moto-account-id</c> when
/// <see cref="MotoAccountId"/> is set: a fresh, private account on a shared moto instance.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _occurrences = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentDictionary<string, string> _keyAliases = new();
    private readonly ConcurrentBag<UpstreamConnection> _upstreamPool = [];
    private readonly Task _acceptLoop;
    private volatile FaultPlan _plan;

    public FaultProxy(string upstreamUrl, FaultPlan? plan = null, int seed = 0, string? motoAccountId = null)
    {
        _upstream = new Uri(upstreamUrl);
        _plan = plan ?? FaultPlan.None;
        Seed = seed;
        MotoAccountId = motoAccountId;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 256);
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    public string Url { get; }

    public int Seed { get; }

    public string? MotoAccountId { get; }

    public FaultProxyCounters Counters { get; } = new();

    /// <summary>The faults to inject from now on (switch between runs; requests in flight keep their decision).</summary>
    public FaultPlan Plan
    {
        get => _plan;
        set => _plan = value;
    }

    /// <summary>
    /// Access key ids are moto's random choice: a decision uses the alias (user name and key position) instead,
    /// so that a seed replays the same faults on a freshly seeded account.
    /// </summary>
    public void AddKeyAliases(IEnumerable<SeededUser> users)
    {
        foreach (var user in users)
        {
            for (var i = 0; i < user.Keys.Count; i++)
            {
                _keyAliases[user.Keys[i].AccessKeyId] = $"{user.UserName}#key{i + 1}";
            }
        }
    }

    /// <summary>A <see cref="MotoServer"/> whose URL is this proxy: clients, seeders and child processes go through it.</summary>
    public MotoServer AsServer() => new(Url);

    /// <summary>A random 12-digit account id for <see cref="MotoAccountId"/>.</summary>
    public static string NewAccountId() => "9" + Random.Shared.NextInt64(0, 100_000_000_000).ToString("D11", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections.Keys);
        while (_upstreamPool.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = ServeConnectionAsync(client);
            _connections[connection] = 0;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        client.NoDelay = true;
        var reset = false;
        try
        {
            var stream = client.GetStream();
            var reader = new BufferedReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var request = await HttpMessage.ReadRequestAsync(reader, stream, _stop.Token);
                if (request is null)
                {
                    return; // the client closed the connection between requests
                }

                var outcome = await HandleAsync(request, stream);
                if (outcome == Outcome.Reset)
                {
                    reset = true;
                    return;
                }

                if (outcome == Outcome.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // The client went away or sent something this proxy does not speak: drop the connection.
        }
        finally
        {
            if (reset)
            {
                Reset(client);
            }
            else
            {
                client.Dispose();
            }
        }
    }

    private enum Outcome
    {
        KeepAlive,
        Close,
        Reset,
    }

    private async Task<Outcome> HandleAsync(HttpMessage request, NetworkStream client)
    {
        var parameters = FormParameters(request);
        // Query services name the action in the form body; JSON services (Organizations) in X-Amz-Target; REST ones
        // (Security Hub) in the method and path.
        var action = parameters.FirstOrDefault(p => p.Key == "Action").Value ?? TargetOperation(request) ?? RestOperation(request) ?? "(none)";
        var restJson = RestOperation(request) is not null;
        var lookup = parameters.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        Counters.Seen(action, IsRetry(request));

        var canonical = FaultDecider.Canonical(action, parameters.Select(p => KeyValuePair.Create(p.Key, _keyAliases.GetValueOrDefault(p.Value, p.Value))).ToList());
        var occurrence = _occurrences.AddOrUpdate(canonical, 1, (_, n) => n + 1);
        var rule = action == "(none)" ? null : _plan.RuleFor(action, parameters.Select(p => p.Value));
        var fault = FaultDecider.Decide(Seed, rule, canonical, occurrence);
        if (fault is { } injected)
        {
            Counters.Faulted(action, injected);
        }

        var close = request.WantsClose;
        if (restJson && fault is FaultKind.Throttling or FaultKind.InternalError or FaultKind.ServiceUnavailable or FaultKind.FailedFindings)
        {
            await WriteRestJsonFaultAsync(client, fault.Value, request, close);
            return close ? Outcome.Close : Outcome.KeepAlive;
        }

        switch (fault)
        {
            case FaultKind.Throttling:
                await WriteErrorAsync(client, 400, "Bad Request", "Sender", "Throttling", "Rate exceeded", lookup, close);
                return close ? Outcome.Close : Outcome.KeepAlive;
            case FaultKind.InternalError:
                await WriteErrorAsync(client, 500, "Internal Server Error", "Receiver", "ServiceFailure", "The request processing has failed because of an unknown error.", lookup, close);
                return close ? Outcome.Close : Outcome.KeepAlive;
            case FaultKind.ServiceUnavailable:
                await WriteErrorAsync(client, 503, "Service Unavailable", "Receiver", "ServiceUnavailable", "Service is unavailable.", lookup, close);
                return close ? Outcome.Close : Outcome.KeepAlive;
            case FaultKind.ResetBeforeForward:
                return Outcome.Reset;
            case FaultKind.EchoHeaders:
                var echoed = string.Join("; ", request.Headers.Select(h => $"{h.Name}: {h.Value}"));
                await WriteErrorAsync(client, 400, "Bad Request", "Sender", "InvalidInput", System.Security.SecurityElement.Escape("request headers: " + echoed), lookup, close);
                return close ? Outcome.Close : Outcome.KeepAlive;
            case FaultKind.AccessDenied:
                var resource = lookup.GetValueOrDefault("RoleArn") ?? "*";
                await WriteErrorAsync(client, 403, "Forbidden", "Sender", "AccessDenied",
                    System.Security.SecurityElement.Escape($"User is not authorized to perform: sts:{action} on resource: {resource}"), lookup, close);
                return close ? Outcome.Close : Outcome.KeepAlive;
            case FaultKind.Delay:
                await Task.Delay(rule!.Delay, _stop.Token);
                break;
        }

        var response = await ForwardAsync(request);
        Counters.Forwarded(action, lookup);
        if (fault == FaultKind.DropResponse)
        {
            return Outcome.Reset; // moto acted; the client never hears of it
        }

        await WriteResponseAsync(client, response, close);
        return close ? Outcome.Close : Outcome.KeepAlive;
    }

    /// <summary>"ListAccounts" of <c>X-Amz-Target: AWSOrganizationsV20161128.ListAccounts</c>; null without the header.</summary>
    private static string? TargetOperation(HttpMessage request) =>
        request.Headers.FirstOrDefault(h => h.Name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } target
            ? target[(target.LastIndexOf('.') + 1)..]
            : null;

    /// <summary>Security Hub's REST operations by method and path (botocore securityhub: requestUri).</summary>
    private static string? RestOperation(HttpMessage request) =>
        request.StartLine.Split(' ') is [var method, var target, ..] && method == "POST"
            ? target.Split('?')[0] switch
            {
                "/findings/import" => "BatchImportFindings",
                "/findings" => "GetFindings",
                "/accounts" => "EnableSecurityHub",
                _ => null,
            }
            : null;

    /// <summary>
    /// Security Hub's own answers (REST-JSON, the code in x-amzn-ErrorType and the body): throttling is 429
    /// LimitExceededException, a 500 InternalException, a 503; <see cref="FaultKind.FailedFindings"/> is a 200 whose
    /// FailedFindings lists every finding of the request (nothing forwarded: moto never imports them).
    /// </summary>
    private async Task WriteRestJsonFaultAsync(NetworkStream client, FaultKind fault, HttpMessage request, bool close)
    {
        var (status, reason, body, code) = fault switch
        {
            FaultKind.Throttling => (429, "Too Many Requests", """{"Code":"LimitExceededException","Message":"Rate exceeded"}""", "LimitExceededException"),
            FaultKind.InternalError => (500, "Internal Server Error", """{"Code":"InternalException","Message":"Internal server error"}""", "InternalException"),
            FaultKind.ServiceUnavailable => (503, "Service Unavailable", """{"Code":"ServiceUnavailableException","Message":"Service is unavailable."}""", "ServiceUnavailableException"),
            _ => (200, "OK", FailedFindingsBody(request.Body), (string?)null),
        };
        var headers = new List<(string, string)> { ("Content-Type", "application/json"), ("x-amzn-RequestId", Guid.NewGuid().ToString()) };
        if (code is not null)
        {
            headers.Add(("x-amzn-ErrorType", code));
        }

        await WriteResponseAsync(client, new HttpMessage($"HTTP/1.1 {status} {reason}", headers, Encoding.UTF8.GetBytes(body)), close);
    }

    private static string FailedFindingsBody(byte[] requestBody)
    {
        var ids = (System.Text.Json.Nodes.JsonNode.Parse(requestBody)?["Findings"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(f => (string?)f?["Id"] ?? "").ToList();
        var failed = new System.Text.Json.Nodes.JsonArray(ids.Select(id => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["Id"] = id,
            ["ErrorCode"] = "InvalidInput",
            ["ErrorMessage"] = "Finding refused by the fault proxy",
        }).ToArray());
        return new System.Text.Json.Nodes.JsonObject { ["FailedCount"] = ids.Count, ["SuccessCount"] = 0, ["FailedFindings"] = failed }.ToJsonString();
    }

    private async Task<HttpMessage> ForwardAsync(HttpMessage request)
    {
        // moto keeps connections alive too; a pooled connection it closed meanwhile fails before any answer
        // arrives, and the request is sent once more on a fresh one (moto never saw the first).
        if (_upstreamPool.TryTake(out var pooled))
        {
            try
            {
                return await ForwardOnAsync(pooled, request);
            }
            catch (Exception e) when ((e is IOException or SocketException) && !pooled.Answered)
            {
                // disposed by ForwardOnAsync; fall through to a fresh connection
            }
        }

        return await ForwardOnAsync(await UpstreamConnection.OpenAsync(_upstream, _stop.Token), request);
    }

    private async Task<HttpMessage> ForwardOnAsync(UpstreamConnection connection, HttpMessage request)
    {
        var head = new StringBuilder();
        head.Append(request.StartLine).Append("\r\n");
        foreach (var (name, value) in request.Headers)
        {
            if (IsHopByHop(name) || name.Equals("x-moto-account-id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (MotoAccountId is not null)
        {
            head.Append("x-moto-account-id: ").Append(MotoAccountId).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(request.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        connection.Answered = false;
        try
        {
            await connection.Stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), _stop.Token);
            await connection.Stream.WriteAsync(request.Body, _stop.Token);
            await connection.Stream.FlushAsync(_stop.Token);
            var response = await HttpMessage.ReadResponseAsync(connection.Reader, () => connection.Answered = true, _stop.Token);
            if (response.WantsClose || response.Header("Content-Length") is null && response.Header("Transfer-Encoding") is null)
            {
                connection.Dispose();
            }
            else
            {
                _upstreamPool.Add(connection);
            }

            return response;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A kept-alive connection to moto.</summary>
    private sealed class UpstreamConnection(TcpClient client) : IDisposable
    {
        public NetworkStream Stream { get; } = client.GetStream();

        public BufferedReader Reader { get; } = new(client.GetStream());

        /// <summary>Whether moto started answering the request in flight (then it must not be resent).</summary>
        public bool Answered { get; set; }

        public static async Task<UpstreamConnection> OpenAsync(Uri upstream, CancellationToken ct)
        {
            var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(upstream.Host, upstream.Port, ct);
            return new UpstreamConnection(client);
        }

        public void Dispose() => client.Dispose();
    }

    private async Task WriteResponseAsync(NetworkStream client, HttpMessage response, bool close)
    {
        var head = new StringBuilder();
        head.Append(response.StartLine).Append("\r\n");
        foreach (var (name, value) in response.Headers.Where(h => !IsHopByHop(h.Name)))
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append(close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n");
        await client.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), _stop.Token);
        await client.WriteAsync(response.Body, _stop.Token);
        await client.FlushAsync(_stop.Token);
    }

    private async Task WriteErrorAsync(
        NetworkStream client, int status, string reason, string type, string code, string message, IReadOnlyDictionary<string, string> parameters, bool close)
    {
        // STS (Version 2011-06-15) and IAM share the endpoint; each gets its own service's namespace.
        var ns = parameters.GetValueOrDefault("Version") == "2011-06-15" ? "https://sts.amazonaws.com/doc/2011-06-15/" : "https://iam.amazonaws.com/doc/2010-05-08/";
        var body = Encoding.UTF8.GetBytes(
            $"<ErrorResponse xmlns=\"{ns}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");
        var response = new HttpMessage(
            $"HTTP/1.1 {status} {reason}",
            [("Content-Type", "text/xml"), ("x-amzn-RequestId", Guid.NewGuid().ToString())],
            body);
        await WriteResponseAsync(client, response, close);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> FormParameters(HttpMessage request)
    {
        var contentType = request.Header("Content-Type") ?? "";
        var query = request.StartLine.Split(' ') is [_, var target, ..] && target.IndexOf('?') is var q and >= 0 ? target[(q + 1)..] : "";
        var form = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetString(request.Body) : "";
        return string.Join("&", query, form).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => KeyValuePair.Create(Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : ""))
            .ToList();
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static bool IsRetry(HttpMessage request) =>
        request.Header("amz-sdk-request") is { } value
        && value.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("attempt=", StringComparison.Ordinal)) is { } attempt
        && int.TryParse(attempt["attempt=".Length..], CultureInfo.InvariantCulture, out var n) && n > 1;

    private static bool IsHopByHop(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expect", StringComparison.OrdinalIgnoreCase);

    /// <summary>Closes with SO_LINGER 0: the peer gets a TCP RST, not an orderly FIN.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>A request or response: start line, headers in order, the whole body.</summary>
    private sealed record HttpMessage(string StartLine, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
    {
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        public bool WantsClose =>
            string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase) || StartLine.EndsWith("HTTP/1.0", StringComparison.Ordinal);

        /// <summary>The next request on a kept-alive connection, or null when the client closed it cleanly.</summary>
        public static async Task<HttpMessage?> ReadRequestAsync(BufferedReader reader, NetworkStream client, CancellationToken ct)
        {
            var head = await reader.ReadHeadAsync(ct);
            if (head is null)
            {
                return null;
            }

            var (startLine, headers) = ParseHead(head);
            var message = new HttpMessage(startLine, headers, []);
            if (string.Equals(message.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await client.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct);
            }

            return message with { Body = await ReadBodyAsync(reader, message, untilEof: false, ct) };
        }

        public static async Task<HttpMessage> ReadResponseAsync(BufferedReader reader, Action answered, CancellationToken ct)
        {
            var head = await reader.ReadHeadAsync(ct) ?? throw new IOException("upstream closed without a response");
            answered();
            var (startLine, headers) = ParseHead(head);
            var message = new HttpMessage(startLine, headers, []);
            return message with { Body = await ReadBodyAsync(reader, message, untilEof: true, ct) };
        }

        private static (string StartLine, List<(string, string)> Headers) ParseHead(string head)
        {
            var lines = head.Split("\r\n");
            var headers = new List<(string, string)>();
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw new InvalidDataException("malformed header line");
                }

                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }

            return (lines[0], headers);
        }

        private static async Task<byte[]> ReadBodyAsync(BufferedReader reader, HttpMessage message, bool untilEof, CancellationToken ct)
        {
            if (string.Equals(message.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                var body = new MemoryStream();
                while (true)
                {
                    var sizeLine = await reader.ReadLineAsync(ct) ?? throw new IOException("chunked body ended early");
                    var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while (await reader.ReadLineAsync(ct) is { Length: > 0 })
                        {
                        }

                        return body.ToArray();
                    }

                    body.Write(await reader.ReadExactlyAsync(size, ct));
                    await reader.ReadLineAsync(ct);
                }
            }

            if (message.Header("Content-Length") is { } length)
            {
                return await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), ct);
            }

            var status = message.StartLine.Split(' ') is [_, var code, ..] ? code : "";
            return untilEof && status is not ("204" or "304") ? await reader.ReadToEndAsync(ct) : [];
        }
    }

    /// <summary>Reads heads, lines and sized bodies from a stream, keeping what it read ahead for the next message.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _chunk = new byte[16 * 1024];
        private byte[] _buffer = [];

        public async Task<string?> ReadHeadAsync(CancellationToken ct)
        {
            while (true)
            {
                var end = _buffer.AsSpan().IndexOf(HeadEnd);
                if (end >= 0)
                {
                    var head = Encoding.Latin1.GetString(_buffer, 0, end);
                    _buffer = _buffer[(end + HeadEnd.Length)..];
                    return head;
                }

                if (_buffer.Length > MaxHeadBytes)
                {
                    throw new InvalidDataException("HTTP head too large");
                }

                if (!await FillAsync(ct))
                {
                    return _buffer.Length == 0 ? null : throw new IOException("connection closed inside an HTTP head");
                }
            }
        }

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var end = _buffer.AsSpan().IndexOf("\r\n"u8);
                if (end >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, 0, end);
                    _buffer = _buffer[(end + 2)..];
                    return line;
                }

                if (!await FillAsync(ct))
                {
                    return null;
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
        {
            while (_buffer.Length < count)
            {
                if (!await FillAsync(ct))
                {
                    throw new IOException("connection closed inside an HTTP body");
                }
            }

            var body = _buffer[..count];
            _buffer = _buffer[count..];
            return body;
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken ct)
        {
            while (await FillAsync(ct))
            {
            }

            var body = _buffer;
            _buffer = [];
            return body;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            var read = await stream.ReadAsync(_chunk, ct);
            if (read == 0)
            {
                return false;
            }

            _buffer = [.. _buffer, .. _chunk.AsSpan(0, read)];
            return true;
        }
    }
}
