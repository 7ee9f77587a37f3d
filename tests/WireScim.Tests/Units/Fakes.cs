using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Tests.Units
{
    /// <summary>An IScimTransport that plays a fixed script of answers and failures and records every request.</summary>
    internal sealed class ScriptedTransport : IScimTransport
    {
        private readonly Queue<Func<ScimRequest, ScimResponse>> _script = new Queue<Func<ScimRequest, ScimResponse>>();
        private readonly List<ScimRequest> _requests = new List<ScimRequest>();

        public IReadOnlyList<ScimRequest> Requests { get { lock (_requests) return _requests.ToArray(); } }
        public int Calls { get { lock (_requests) return _requests.Count; } }

        public ScriptedTransport Then(Func<ScimRequest, ScimResponse> step) { _script.Enqueue(step); return this; }

        public ScriptedTransport ThenRespond(int status, string body = "", TimeSpan? retryAfter = null, string contentType = "application/scim+json;charset=utf-8") =>
            Then(_ => new ScimResponse(status, contentType, body, retryAfter));

        public ScriptedTransport ThenFail(WireScimErrorKind kind) =>
            Then(request => throw new WireScimException(kind, "WireScim.Test" + kind, $"{request.Method} failed ({kind})."));

        public Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            Func<ScimRequest, ScimResponse> step;
            lock (_requests)
            {
                _requests.Add(request);
                if (_script.Count == 0) return Task.FromException<ScimResponse>(new InvalidOperationException($"Script exhausted at call {_requests.Count}: {request}"));
                step = _script.Dequeue();
            }
            try
            {
                return Task.FromResult(step(request));
            }
            catch (Exception error)
            {
                return Task.FromException<ScimResponse>(error);
            }
        }
    }

    internal sealed class RecordingTrace : ITraceSink
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        public IReadOnlyCollection<string> Lines => _lines.ToArray();
        public void Debug(string message) => _lines.Enqueue(message);
    }

    internal sealed class RawRequest
    {
        public RawRequest(string method, string target, Dictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Target { get; }
        public Dictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>One request on one connection of a <see cref="RawHttpServer"/>, with ways to answer, reset or hang.</summary>
    internal sealed class RawExchange
    {
        private readonly TcpClient _client;
        private readonly CancellationToken _stopping;

        public RawExchange(RawRequest request, TcpClient client, CancellationToken stopping)
        {
            Request = request;
            _client = client;
            _stopping = stopping;
        }

        public RawRequest Request { get; }

        public Task RespondAsync(int status, string body = "", params string[] headers) =>
            RespondAsync(status, Encoding.UTF8.GetBytes(body), headers);

        public async Task RespondAsync(int status, byte[] body, params string[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status).Append(' ').Append(ScimErrorReader.ReasonPhrase(status) is { Length: > 0 } reason ? reason : "Status").Append("\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\n");
            foreach (var header in headers) head.Append(header).Append("\r\n");
            head.Append("\r\n");
            var stream = _client.GetStream();
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            await stream.WriteAsync(bytes, 0, bytes.Length, _stopping).ConfigureAwait(false);
            for (int offset = 0; offset < body.Length; offset += 64 * 1024)
                await stream.WriteAsync(body, offset, Math.Min(64 * 1024, body.Length - offset), _stopping).ConfigureAwait(false);
            await stream.FlushAsync(_stopping).ConfigureAwait(false);
        }

        /// <summary>Closes the connection with a TCP reset, without answering.</summary>
        public Task ResetAsync()
        {
            _client.Client.LingerState = new LingerOption(true, 0);
            _client.Client.Close();
            return Task.CompletedTask;
        }

        /// <summary>Never answers; returns when the server is stopped.</summary>
        public async Task HangAsync()
        {
            try { await Task.Delay(Timeout.Infinite, _stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection, for driving HttpTransport
    /// into answers a real server rarely gives (resets, silence, huge bodies, redirects). Stop it by disposing.
    /// </summary>
    internal sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<RawExchange, Task> _handler;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<TcpClient> _clients = new List<TcpClient>();
        private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
        private int _connections;

        public RawHttpServer(Func<RawExchange, Task> handler)
        {
            _handler = handler;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }
        public Uri BaseUri => new Uri($"http://127.0.0.1:{Port}/");
        public Uri UsersUri => new Uri(BaseUri, "scim/v2/Users");
        public IReadOnlyList<RawRequest> Requests => _requests.ToArray();
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                lock (_clients) _clients.Add(client);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                var request = await ReadRequestAsync(client.GetStream(), _stop.Token).ConfigureAwait(false);
                if (request == null) return;
                _requests.Enqueue(request);
                await _handler(new RawExchange(request, client, _stop.Token)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The client went away or the server was stopped: nothing to report from here.
            }
            finally
            {
                try { client.Dispose(); } catch (Exception) { }
            }
        }

        private static async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var head = new MemoryStream();
            var one = new byte[1];
            while (true)
            {
                int read = await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false);
                if (read == 0) return null;
                head.WriteByte(one[0]);
                var length = head.Length;
                if (length >= 4)
                {
                    var buffer = head.GetBuffer();
                    if (buffer[length - 4] == '\r' && buffer[length - 3] == '\n' && buffer[length - 2] == '\r' && buffer[length - 1] == '\n') break;
                }
                if (length > 64 * 1024) throw new InvalidDataException("request head too large");
            }
            var lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var start = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
            var body = Array.Empty<byte>();
            if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, out var contentLength) && contentLength > 0)
            {
                body = new byte[contentLength];
                int offset = 0;
                while (offset < contentLength)
                {
                    int read = await stream.ReadAsync(body, offset, contentLength - offset, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    offset += read;
                }
            }
            return new RawRequest(start[0], start.Length > 1 ? start[1] : string.Empty, headers, body);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients)
                foreach (var client in _clients)
                    try { client.Dispose(); } catch (Exception) { }
        }
    }

    internal static class TestUsers
    {
        public const string AliceId = "f5a361e7-d185-4fee-b290-bdb08f2291ac";
        public const string OtherId = "0b7e6a55-3c1f-4f0e-9d6b-2a9d3f2c4e11";

        public static string Json(string id, string userName, string externalId, string? displayName = null) =>
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"" + id + "\",\"userName\":\"" + userName +
            "\",\"externalId\":\"" + externalId + "\"" + (displayName == null ? string.Empty : ",\"displayName\":\"" + displayName + "\"") +
            ",\"active\":true,\"roles\":[\"member\"]}";

        public static string List(params string[] users) =>
            "{\"Resources\":[" + string.Join(",", users) + "],\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":" +
            users.Length + ",\"itemsPerPage\":" + users.Length + ",\"startIndex\":1}";

        public static string ScimError(int status, string? scimType, string detail) =>
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status + "\"" +
            (scimType == null ? string.Empty : ",\"scimType\":\"" + scimType + "\"") + ",\"detail\":" + System.Text.Json.JsonSerializer.Serialize(detail) + "}";
    }
}
