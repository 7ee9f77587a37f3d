using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Tests.Cmdlets
{
    /// <summary>
    /// A PowerShell instance of its own runspace with the WireScim cmdlets imported from the assembly under test
    /// (the one this project references), so the tests need no prior build.ps1 run.
    /// </summary>
    internal static class CmdletHost
    {
        public static PowerShell Create(System.Management.Automation.Host.PSHost? host = null)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { typeof(WireScim.User).Assembly.Location });
            var runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            var ps = PowerShell.Create();
            ps.Runspace = runspace;
            return ps;
        }

        /// <summary>Runs a script in the instance and fails with the script's errors when it writes any.</summary>
        public static IReadOnlyList<PSObject> Run(PowerShell ps, string script, IDictionary<string, object?>? parameters = null)
        {
            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            ps.AddScript(script);
            if (parameters != null) foreach (var (name, value) in parameters) ps.AddParameter(name, value);
            var output = ps.Invoke();
            if (ps.Streams.Error.Count > 0)
                throw new InvalidOperationException("The script wrote errors: " + string.Join(" | ", ps.Streams.Error));
            return output;
        }

        public static void Dispose(PowerShell ps)
        {
            var runspace = ps.Runspace;
            ps.Dispose();
            runspace?.Dispose();
        }

        /// <summary>A script that connects the runspace to <paramref name="scimUri"/> with a test token.</summary>
        public const string ConnectScript =
            "param($Uri, $Token, $RequestsPerSecond = 50, $MaxRetryTime = [TimeSpan]::FromMinutes(5)) " +
            "Connect-WireScim -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -RequestsPerSecond $RequestsPerSecond -MaxRetryTime $MaxRetryTime";

        /// <summary>Waits, polling, until <paramref name="condition"/> holds or <paramref name="limit"/> passes.</summary>
        public static bool WaitUntil(Func<bool> condition, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (DateTime.UtcNow < deadline)
            {
                if (condition()) return true;
                Thread.Sleep(20);
            }
            return condition();
        }
    }

    /// <summary>
    /// A minimal HTTP/1.1 server on 127.0.0.1 with a free port that answers every request with 503 (or 429) and
    /// Retry-After: 3600, or reads the request and never answers. It counts the requests it has read.
    /// </summary>
    internal sealed class StubServer : IDisposable
    {
        public enum Behaviour { Unavailable, Throttled, NeverAnswer }

        private readonly TcpListener _listener;
        private readonly Behaviour _behaviour;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
        private readonly Task _accepting;
        private int _requests;
        private int _closedByClient;

        public StubServer(Behaviour behaviour)
        {
            _behaviour = behaviour;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = Task.Run(AcceptLoop);
        }

        public string ScimUri => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/scim/v2";
        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Connections the client closed while a request on them was unanswered.</summary>
        public int ClosedByClient => Volatile.Read(ref _closedByClient);

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                _clients.Add(client);
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var pending = new StringBuilder();
                while (!_stop.IsCancellationRequested)
                {
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length, _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        if (_behaviour == Behaviour.NeverAnswer && pending.Length > 0) Interlocked.Increment(ref _closedByClient);
                        return;
                    }
                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    while (TryTakeRequest(pending))
                    {
                        Interlocked.Increment(ref _requests);
                        if (_behaviour != Behaviour.NeverAnswer)
                        {
                            var status = _behaviour == Behaviour.Throttled ? "429 Too Many Requests" : "503 Service Unavailable";
                            var answer = Encoding.ASCII.GetBytes(
                                $"HTTP/1.1 {status}\r\nRetry-After: 3600\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nunavailable");
                            await stream.WriteAsync(answer, 0, answer.Length, _stop.Token).ConfigureAwait(false);
                        }
                        else
                        {
                            // Keep a marker so a close by the client is seen as the abandoning of this request.
                            pending.Append('\0');
                        }
                    }
                }
            }
            catch (Exception)
            {
                // The connection was reset or the server is stopping.
            }
            finally
            {
                client.Dispose();
            }
        }

        /// <summary>Removes one complete request (head and Content-Length body) from the buffer, if there is one.</summary>
        private static bool TryTakeRequest(StringBuilder pending)
        {
            var text = pending.ToString().TrimStart('\0');
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return false;
            var length = 0;
            foreach (var line in text.Substring(0, end).Split("\r\n"))
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (text.Length < end + 4 + length) return false;
            pending.Clear();
            pending.Append(text.Substring(end + 4 + length));
            return true;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients) client.Dispose();
            try { _accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            _stop.Dispose();
        }
    }
}
