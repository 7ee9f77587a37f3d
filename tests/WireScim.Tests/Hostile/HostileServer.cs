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

namespace WireScim.Tests.Hostile
{
    internal sealed class HostileRequest
    {
        public HostileRequest(string method, string target, IReadOnlyDictionary<string, string> headers, string body)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Target { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>One request on its own connection; the handler answers it well, badly, slowly or never.</summary>
    internal sealed class HostileExchange
    {
        public HostileExchange(HostileRequest request, Stream stream, CancellationToken stopping)
        {
            Request = request;
            Stream = stream;
            Stopping = stopping;
        }

        public HostileRequest Request { get; }
        public Stream Stream { get; }
        public CancellationToken Stopping { get; }

        public Task RespondAsync(int status, string? contentType, string body, params string[] headers) =>
            RespondAsync(status, contentType, Encoding.UTF8.GetBytes(body), headers);

        public async Task RespondAsync(int status, string? contentType, byte[] body, params string[] headers)
        {
            await WriteHeadAsync(status, contentType, body.Length, headers).ConfigureAwait(false);
            await Stream.WriteAsync(body, 0, body.Length, Stopping).ConfigureAwait(false);
            await Stream.FlushAsync(Stopping).ConfigureAwait(false);
        }

        public async Task WriteHeadAsync(int status, string? contentType, long contentLength, params string[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(" Whatever\r\n");
            if (contentType != null) head.Append("Content-Type: ").Append(contentType).Append("\r\n");
            head.Append("Content-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\nServer: nginx\r\n");
            foreach (var header in headers) head.Append(header).Append("\r\n");
            head.Append("\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            await Stream.WriteAsync(bytes, 0, bytes.Length, Stopping).ConfigureAwait(false);
            await Stream.FlushAsync(Stopping).ConfigureAwait(false);
        }

        /// <summary>Waits until the server stops (the client gives up and closes first, or the test ends).</summary>
        public async Task HangAsync()
        {
            try { await Task.Delay(Timeout.Infinite, Stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>A tiny HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection. Dispose stops it.</summary>
    internal sealed class HostileServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<HostileExchange, Task> _handler;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<HostileRequest> _requests = new ConcurrentQueue<HostileRequest>();
        private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();

        public HostileServer(Func<HostileExchange, Task> handler)
        {
            _handler = handler;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptAsync);
        }

        public int Port { get; }
        public string BaseUri => $"http://127.0.0.1:{Port}";
        public IReadOnlyList<HostileRequest> Requests => _requests.ToArray();

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
                catch (Exception) { return; }
                _clients.Add(client);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var stream = client.GetStream();
                        var request = await ReadAsync(stream, _stop.Token).ConfigureAwait(false);
                        if (request == null) return;
                        _requests.Enqueue(request);
                        await _handler(new HostileExchange(request, stream, _stop.Token)).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The client hung up or the server stopped.
                    }
                    finally
                    {
                        try { client.Dispose(); } catch (Exception) { }
                    }
                });
            }
        }

        private static async Task<HostileRequest?> ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            var head = new List<byte>();
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
            var body = new byte[headers.TryGetValue("Content-Length", out var text) && int.TryParse(text, out var length) ? length : 0];
            for (int offset = 0; offset < body.Length;)
            {
                int read = await stream.ReadAsync(body, offset, body.Length - offset, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                offset += read;
            }
            return new HostileRequest(start[0], start.Length > 1 ? start[1] : string.Empty, headers, Encoding.UTF8.GetString(body));
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
