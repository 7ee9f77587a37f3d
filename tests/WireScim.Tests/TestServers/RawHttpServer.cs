using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Tests.TestServers
{
    /// <summary>One request as a <see cref="RawHttpServer"/> read it off the wire.</summary>
    internal sealed class RawRequest
    {
        public RawRequest(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Target { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public string BodyText => Encoding.UTF8.GetString(Body);
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>
    /// One request on its own connection of a <see cref="RawHttpServer"/>; the handler answers it well, badly,
    /// slowly (drip), with raw bytes, with a reset or never (hang).
    /// </summary>
    internal sealed class RawExchange
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly RawHttpServer _server;

        public RawExchange(RawRequest request, TcpClient client, RawHttpServer server, CancellationToken stopping)
        {
            Request = request;
            _client = client;
            _stream = client.GetStream();
            _server = server;
            Stopping = stopping;
        }

        public RawRequest Request { get; }
        public CancellationToken Stopping { get; }

        /// <summary>Answers with a status, a body and extra header lines such as <c>"Content-Type: text/html"</c>.</summary>
        public Task RespondAsync(int status, string body = "", params string[] headers) =>
            RespondAsync(status, Encoding.UTF8.GetBytes(body), headers);

        public async Task RespondAsync(int status, byte[] body, params string[] headers)
        {
            await WriteHeadAsync(status, body.Length, headers).ConfigureAwait(false);
            await SendRawAsync(body).ConfigureAwait(false);
        }

        /// <summary>Writes the status line and headers (with Content-Length and Connection: close) but no body.</summary>
        public Task WriteHeadAsync(int status, long contentLength, params string[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(_server.ReasonPhraseFor(status)).Append("\r\n");
            head.Append("Content-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\n");
            if (_server.ServerHeader != null) head.Append("Server: ").Append(_server.ServerHeader).Append("\r\n");
            foreach (var header in headers) head.Append(header).Append("\r\n");
            head.Append("\r\n");
            return SendRawAsync(Encoding.ASCII.GetBytes(head.ToString()));
        }

        /// <summary>Writes bytes as they are, in pieces of at most 64 KiB, and flushes.</summary>
        public async Task SendRawAsync(byte[] bytes)
        {
            for (int offset = 0; offset < bytes.Length; offset += 64 * 1024)
                await _stream.WriteAsync(bytes, offset, Math.Min(64 * 1024, bytes.Length - offset), Stopping).ConfigureAwait(false);
            await _stream.FlushAsync(Stopping).ConfigureAwait(false);
        }

        /// <summary>Writes bytes one at a time with a pause after each.</summary>
        public async Task DripAsync(byte[] bytes, TimeSpan pause)
        {
            foreach (var b in bytes)
            {
                await _stream.WriteAsync(new[] { b }, 0, 1, Stopping).ConfigureAwait(false);
                await _stream.FlushAsync(Stopping).ConfigureAwait(false);
                await Task.Delay(pause, Stopping).ConfigureAwait(false);
            }
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
            try { await Task.Delay(Timeout.Infinite, Stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection, for driving the client
    /// into answers a real server rarely gives (resets, silence, drips, huge bodies, redirects, proxy pages).
    /// Every request is recorded. Stop it by disposing.
    /// </summary>
    internal sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<RawExchange, Task> _handler;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
        private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
        private readonly string? _reasonPhrase;
        private int _connections;

        /// <param name="handler">Answers each request.</param>
        /// <param name="reasonPhrase">The reason phrase of every status line; null for the standard one of each status.</param>
        /// <param name="serverHeader">The value of a Server header on every answer; null for none.</param>
        public RawHttpServer(Func<RawExchange, Task> handler, string? reasonPhrase = null, string? serverHeader = null)
        {
            _handler = handler;
            _reasonPhrase = reasonPhrase;
            ServerHeader = serverHeader;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }
        /// <summary>Scheme, host and port without a trailing slash: <c>http://127.0.0.1:port</c>.</summary>
        public string Origin => $"http://127.0.0.1:{Port}";
        public Uri BaseUri => new Uri(Origin + "/");
        public Uri UsersUri => new Uri(BaseUri, "scim/v2/Users");
        public IReadOnlyList<RawRequest> Requests => _requests.ToArray();
        public int Connections => Volatile.Read(ref _connections);
        internal string? ServerHeader { get; }

        internal string ReasonPhraseFor(int status) =>
            _reasonPhrase ?? (ScimErrorReader.ReasonPhrase(status) is { Length: > 0 } reason ? reason : "Status");

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                _clients.Add(client);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                var stream = client.GetStream();
                var first = new byte[1];
                if (await stream.ReadAsync(first, 0, 1, _stop.Token).ConfigureAwait(false) == 0) return;
                if (first[0] < 'A' || first[0] > 'Z')
                {
                    // Not an HTTP request line (a TLS ClientHello starts with 0x16): answer as nginx and Kestrel do.
                    var refusal = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(refusal, 0, refusal.Length, _stop.Token).ConfigureAwait(false);
                    return;
                }
                var request = await ReadRequestAsync(stream, first[0], _stop.Token).ConfigureAwait(false);
                if (request == null) return;
                _requests.Enqueue(request);
                await _handler(new RawExchange(request, client, this, _stop.Token)).ConfigureAwait(false);
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

        /// <summary>Reads a request head and a Content-Length body; null when the connection closes first or the head is over 64 KiB.</summary>
        private static async Task<RawRequest?> ReadRequestAsync(Stream stream, byte first, CancellationToken cancellationToken)
        {
            var head = new List<byte> { first };
            var one = new byte[1];
            while (!(head.Count >= 4 && head[head.Count - 4] == '\r' && head[head.Count - 3] == '\n' && head[head.Count - 2] == '\r' && head[head.Count - 1] == '\n'))
            {
                if (await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false) == 0) return null;
                head.Add(one[0]);
                if (head.Count > 64 * 1024) return null;
            }
            var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
            var start = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines[1..])
            {
                int colon = line.IndexOf(':');
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            var body = headers.TryGetValue("Content-Length", out var text) && int.TryParse(text, out var length) && length > 0
                ? new byte[length]
                : Array.Empty<byte>();
            for (int offset = 0; offset < body.Length;)
            {
                int read = await stream.ReadAsync(body, offset, body.Length - offset, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                offset += read;
            }
            return new RawRequest(start[0], start.Length > 1 ? start[1] : string.Empty, headers, body);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients)
                try { client.Dispose(); } catch (Exception) { }
        }
    }
}
