using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Cmdlets
{
    /// <summary>
    /// When Wire asks for a wait beyond -MaxRetryTime, each row ends with an error naming the delay; when nothing can
    /// succeed (nothing answers, https against http), the command ends once. Times are hang guards, never asserted.
    /// </summary>
    public class EndingTheCommandTests
    {
        private const string Token = "ending-tests-token";
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

        private static string Users(int count, string prefix) =>
            $"1..{count} | ForEach-Object {{ [pscustomobject]@{{ UserName = \"{prefix}$_\"; DisplayName = \"User $_\"; ExternalId = \"{prefix}$_@example.com\" }} }} | New-WireScimUser -ErrorAction Continue";

        private static (List<ErrorRecord> Errors, PSInvocationState State) Run(string scimUri, string script, TimeSpan maxRetryTime)
        {
            var ps = CmdletHost.Create();
            try
            {
                CmdletHost.Run(ps, CmdletHost.ConnectScript, new Dictionary<string, object?> { ["Uri"] = scimUri, ["Token"] = Token, ["MaxRetryTime"] = maxRetryTime });
                ps.Commands.Clear();
                ps.AddScript(script);
                var invocation = ps.BeginInvoke();
                Assert.True(invocation.AsyncWaitHandle.WaitOne(HangGuard), "The command did not end: a wait is not bounded.");
                ps.EndInvoke(invocation);
                // Copied: disposing the instance empties its streams.
                return (ps.Streams.Error.ToList(), ps.InvocationStateInfo.State);
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Theory]
        [InlineData("Throttled")]
        [InlineData("Unavailable")]
        public void A_Retry_After_of_an_hour_with_MaxRetryTime_15s_ends_each_row_with_an_error_naming_the_delay(string behaviour)
        {
            using var server = new StubServer(Enum.Parse<StubServer.Behaviour>(behaviour));
            var (errors, state) = Run(server.ScimUri, Users(3, "wait"), TimeSpan.FromSeconds(15));

            Assert.Equal(PSInvocationState.Completed, state);
            Assert.Equal(3, errors.Count);
            Assert.All(errors, error =>
            {
                Assert.StartsWith("WireScim.", error.FullyQualifiedErrorId);
                Assert.Contains("3600 s", error.Exception.Message);
                Assert.Contains("MaxRetryTime of 15 s", error.Exception.Message);
            });
            Assert.InRange(server.Requests, 1, 3);
        }

        [Fact]
        public void A_closed_port_ends_a_1000_row_run_with_one_terminating_error()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            var (errors, _) = Run($"http://127.0.0.1:{port}/scim/v2", Users(1000, "closed"), TimeSpan.FromMinutes(5));

            var error = Assert.Single(errors);
            Assert.StartsWith("WireScim.Unreachable,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("cannot be reached", error.Exception.Message);
            Assert.Contains($"127.0.0.1:{port}", error.Exception.Message);
        }

        [Fact]
        public void Https_against_a_plain_http_server_ends_the_command_at_once_saying_so()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, "{}"));
            var (errors, _) = Run($"https://127.0.0.1:{server.Port}/scim/v2", Users(50, "tls"), TimeSpan.FromMinutes(5));

            var error = Assert.Single(errors);
            Assert.StartsWith("WireScim.TlsFailed,", error.FullyQualifiedErrorId);
            Assert.Contains("TLS handshake", error.Exception.Message);
            Assert.InRange(server.Connections, 1, 16);
        }
    }
}
