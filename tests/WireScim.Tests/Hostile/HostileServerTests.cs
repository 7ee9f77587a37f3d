using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Hostile
{
    /// <summary>
    /// The real client (Connection, ResilientTransport, HttpTransport, UserClient) against servers and proxies that
    /// answer badly. Every test starts its own server and bounds itself with a guard, so a hang fails instead of blocking.
    /// </summary>
    public class HostileServerTests
    {
        private const string TokenText = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";
        private const string UserId = TestUsers.AliceId;
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

        /// <summary>A raw server posing as an nginx proxy: nonsense reason phrases and a Server header.</summary>
        private static RawHttpServer Server(Func<RawExchange, Task> handler) =>
            new RawHttpServer(handler, reasonPhrase: "Whatever", serverHeader: "nginx");

        private static string AliceJson() => TestUsers.Json(UserId, "alice", "alice@example.com", "Alice");

        private static UserClient Client(RawHttpServer server, TimeSpan? timeout = null, int maxAttempts = 2) =>
            UserSession.Open(new Connection(WireUri.Parse(server.Origin), SecretText.Protect(TokenText))
            {
                Timeout = timeout ?? TimeSpan.FromSeconds(10), MaxAttempts = maxAttempts, RequestsPerSecond = 0,
            }, NullTraceSink.Instance, 2).Client;

        private static async Task<WireScimException> FailsAsync(Func<CancellationToken, Task> action)
        {
            using var guard = new CancellationTokenSource(Guard);
            var run = action(guard.Token);
            var finished = await Task.WhenAny(run, Task.Delay(Guard + TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            Assert.True(finished == run, "the call did not finish within the guard: it hangs");
            var error = await Assert.ThrowsAnyAsync<Exception>(() => run).ConfigureAwait(false);
            Assert.False(guard.IsCancellationRequested, "the call was only stopped by the test's guard");
            return Assert.IsType<WireScimException>(error);
        }

        private static void AssertClear(WireScimException error, string errorId, int? status, params string[] mentions)
        {
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(status, error.StatusCode);
            if (status != null) Assert.Contains(status.Value.ToString(), error.Message);
            foreach (var mention in mentions) Assert.Contains(mention, error.Message);
            Assert.DoesNotContain(TokenText, error.Message);
            Assert.DoesNotContain(TokenText.Substring(0, 20), error.Message);
            Assert.DoesNotContain("<", error.Message);
            Assert.False(error.Message.Any(char.IsControl), "control characters in: " + error.Message);
            Assert.True(error.Message.Length < 600, $"message of {error.Message.Length} chars: {error.Message}");
            if (error.ResponseExcerpt != null) Assert.True(error.ResponseExcerpt.Length <= 220);
        }

        private static string NginxPage(int status, string reason) =>
            $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n" +
            "<!-- request had Authorization: Bearer " + TokenText + " -->\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

        [Theory]
        [InlineData(401, "Authorization Required", "WireScim.TokenRejected")]
        [InlineData(413, "Request Entity Too Large", "WireScim.RequestTooLarge")]
        [InlineData(420, "Enhance Your Calm", "WireScim.Throttled")]
        [InlineData(502, "Bad Gateway", "WireScim.ServerError")]
        public async Task Proxy_html_error_pages_become_clear_errors_without_the_token(int status, string reason, string errorId)
        {
            using var server = Server(x => x.RespondAsync(status, NginxPage(status, reason), "Content-Type: text/html"));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            AssertClear(error, errorId, status, reason, "text/html");
            Assert.NotNull(error.ResponseExcerpt);
            // Sent with the token, and retried only a bounded number of times (MaxAttempts 2).
            Assert.InRange(server.Requests.Count, 1, 2);
            Assert.All(server.Requests, r => Assert.Equal("Bearer " + TokenText, r.Header("Authorization")));
        }

        [Fact]
        public async Task Empty_body_with_200_is_a_bad_response()
        {
            using var server = Server(x => x.RespondAsync(200, string.Empty, "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            AssertClear(error, "WireScim.BadResponse", 200, "empty body");
        }

        [Fact]
        public async Task Truncated_json_is_a_bad_response_with_an_excerpt()
        {
            var body = AliceJson()[..70];
            using var server = Server(x => x.RespondAsync(200, body, "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            AssertClear(error, "WireScim.BadResponse", 200, "core:2.0:User", "\"id\":\"f5a36");
        }

        [Fact]
        public async Task Truncated_list_response_from_a_filter_is_a_bad_response()
        {
            using var server = Server(x => x.RespondAsync(200, "{\"Resources\":[{\"id\":\"" + UserId + "\",\"userName\":", "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server).FindByExternalIdAsync("alice@example.com", token));
            AssertClear(error, "WireScim.BadResponse", 200, "Resources");
        }

        [Fact]
        public async Task Text_plain_with_a_valid_user_is_read_and_text_plain_garbage_is_a_bad_response()
        {
            using (var server = Server(x => x.RespondAsync(200, AliceJson(), "Content-Type: text/plain")))
            {
                using var guard = new CancellationTokenSource(Guard);
                var user = await Client(server).GetAsync(UserId, guard.Token);
                Assert.Equal("alice", user!.UserName);
            }
            using (var server = Server(x => x.RespondAsync(200, "OK user saved", "Content-Type: text/plain")))
            {
                var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
                AssertClear(error, "WireScim.BadResponse", 200, "text/plain", "OK user saved");
            }
        }

        [Fact]
        public async Task A_scim_error_inside_a_200_is_an_error()
        {
            using var server = Server(x => x.RespondAsync(200,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\",\"scimType\":\"invalidValue\",\"detail\":\"handle is reserved\"}",
                "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server).CreateAsync(new User { UserName = "alice", ExternalId = "alice@example.com" }, token));
            AssertClear(error, "WireScim.InvalidValue", 200, "handle is reserved");
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task An_escaped_lone_surrogate_in_an_error_detail_still_gives_a_WireScim_error()
        {
            using var server = Server(x => x.RespondAsync(400,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\",\"detail\":\"bad \\ud800 value\"}",
                "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            Assert.StartsWith("WireScim.", error.ErrorId);
            Assert.Equal(400, error.StatusCode);
        }

        [Theory]
        [InlineData("127.0.0.1")]
        [InlineData("localhost")]
        public async Task A_redirect_to_another_host_is_refused_and_the_token_never_goes_there(string otherHost)
        {
            using var other = Server(x => x.RespondAsync(200, AliceJson(), "Content-Type: application/scim+json"));
            var target = $"http://{otherHost}:{other.Port}/scim/v2/Users/{UserId}";
            using var server = Server(x => x.RespondAsync(302, "<html>moved</html>", "Content-Type: text/html", "Location: " + target));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            AssertClear(error, "WireScim.RedirectRefused", 302, $"{otherHost}:{other.Port}");
            Assert.Empty(other.Requests);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task A_redirect_on_the_same_host_is_followed_with_the_token()
        {
            using var server = Server(x => x.Request.Target.StartsWith("/moved/")
                ? x.RespondAsync(200, AliceJson(), "Content-Type: application/scim+json")
                : x.RespondAsync(307, string.Empty, "Location: /moved/scim/v2/Users/" + UserId));
            using var guard = new CancellationTokenSource(Guard);
            var user = await Client(server).GetAsync(UserId, guard.Token);
            Assert.Equal(UserId, user!.Id);
            Assert.Equal(2, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal("Bearer " + TokenText, r.Header("Authorization")));
        }

        [Fact]
        public async Task A_redirect_loop_ends()
        {
            using var server = Server(x => x.RespondAsync(302, string.Empty, "Location: " + x.Request.Target));
            var error = await FailsAsync(token => Client(server).GetAsync(UserId, token));
            AssertClear(error, "WireScim.RedirectRefused", 302, "too many redirects");
            Assert.InRange(server.Requests.Count, 2, 10);
        }

        /// <summary>HTTPS to plain HTTP on the same host: needs TLS on the first leg, so a handler stands in for the network.</summary>
        [Theory]
        [InlineData("http://wire.example/scim/v2/Users/" + UserId)]
        [InlineData("https://evil.example/scim/v2/Users/" + UserId)]
        [InlineData("https://wire.example:8443/scim/v2/Users/" + UserId)]
        public async Task A_redirect_from_https_that_leaves_the_origin_or_https_is_refused(string location)
        {
            var handler = new RecordingHandler(request => request.RequestUri!.AbsoluteUri.StartsWith("https://wire.example/")
                ? Redirect(location)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(AliceJson()) });
            var transport = new HttpTransport(new HttpClient(handler), TimeSpan.FromSeconds(10), NullTraceSink.Instance);
            var client = new UserClient(transport, WireUri.Parse("https://wire.example"), SecretText.Protect(TokenText));
            var error = await FailsAsync(token => client.GetAsync(UserId, token));
            AssertClear(error, "WireScim.RedirectRefused", 301, new Uri(location).Authority);
            var sent = Assert.Single(handler.Requests);
            Assert.Equal("https://wire.example/scim/v2/Users/" + UserId, sent.Uri);
        }

        private static HttpResponseMessage Redirect(string location)
        {
            var response = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
            response.Headers.Location = new Uri(location);
            return response;
        }

        [Fact]
        public async Task A_server_that_never_answers_times_out()
        {
            using var server = Server(x => x.HangAsync());
            var error = await FailsAsync(token => Client(server, TimeSpan.FromMilliseconds(300)).GetAsync(UserId, token));
            AssertClear(error, "WireScim.Timeout", null, "0.3 s");
            Assert.Equal(WireScimErrorKind.Timeout, error.Kind);
            Assert.InRange(server.Requests.Count, 1, 2);
        }

        [Fact]
        public async Task A_post_that_is_never_answered_is_an_unknown_outcome_not_blindly_repeated()
        {
            using var server = Server(x => x.HangAsync());
            var error = await FailsAsync(token => Client(server, TimeSpan.FromMilliseconds(300), maxAttempts: 5)
                .CreateAsync(new User { UserName = "alice", ExternalId = "alice@example.com" }, token));
            Assert.Equal("WireScim.Timeout", error.ErrorId);
            Assert.Equal(WireScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.Single(server.Requests, r => r.Method == "POST");
        }

        [Fact]
        public async Task A_server_that_drips_the_body_slower_than_the_timeout_times_out()
        {
            using var server = Server(async x =>
            {
                var body = Encoding.UTF8.GetBytes(AliceJson());
                await x.WriteHeadAsync(200, body.Length, "Content-Type: application/scim+json");
                await x.DripAsync(body, TimeSpan.FromMilliseconds(100));
            });
            var error = await FailsAsync(token => Client(server, TimeSpan.FromMilliseconds(300), maxAttempts: 1).GetAsync(UserId, token));
            AssertClear(error, "WireScim.Timeout", null, "no complete answer");
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(502)]
        public async Task A_body_over_one_MiB_is_cut_off(int status)
        {
            var huge = Encoding.UTF8.GetBytes("{\"detail\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
            using var server = Server(x => x.RespondAsync(status, huge, "Content-Type: application/scim+json"));
            var error = await FailsAsync(token => Client(server, maxAttempts: 1).GetAsync(UserId, token));
            AssertClear(error, "WireScim.ResponseTooLarge", status, "1024 KiB");
        }

        [Fact]
        public async Task A_huge_body_without_content_length_is_cut_off_too()
        {
            using var server = Server(async x =>
            {
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nConnection: close\r\n\r\n");
                await x.SendRawAsync(head);
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                for (int i = 0; i < 40; i++) await x.SendRawAsync(chunk);
            });
            var error = await FailsAsync(token => Client(server, maxAttempts: 1).GetAsync(UserId, token));
            AssertClear(error, "WireScim.ResponseTooLarge", 200);
        }

        /// <summary>
        /// Three rows through New-WireScimUser in a runspace; the proxy answers row 2's POST with an HTML 502 every time.
        /// A POST 502 has an unknown outcome, so the module looks the user up by externalId before each new POST.
        /// </summary>
        [Fact]
        public async Task Bulk_create_with_one_row_always_502_reports_one_error_for_that_row()
        {
            int created = 0;
            using var server = Server(x =>
            {
                if (x.Request.Method == "GET")
                    return x.RespondAsync(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,\"Resources\":[]}", "Content-Type: application/scim+json");
                if (x.Request.Method == "POST" && x.Request.BodyText.Contains("\"userName\":\"row2\""))
                    return x.RespondAsync(502, NginxPage(502, "Bad Gateway"), "Content-Type: text/html");
                if (x.Request.Method == "POST")
                {
                    using var doc = System.Text.Json.JsonDocument.Parse(x.Request.BodyText);
                    var root = doc.RootElement;
                    Interlocked.Increment(ref created);
                    return x.RespondAsync(201, TestUsers.Json(Guid.NewGuid().ToString(), root.GetProperty("userName").GetString()!, root.GetProperty("externalId").GetString()!, "Alice"), "Content-Type: application/scim+json");
                }
                return x.RespondAsync(405, "no", "Content-Type: text/plain");
            });

            var run = Task.Run(() =>
            {
                var state = InitialSessionState.CreateDefault2();
                state.ImportPSModule(typeof(User).Assembly.Location);
                using var runspace = RunspaceFactory.CreateRunspace(state);
                runspace.Open();
                using var ps = PowerShell.Create(runspace);
                ps.AddCommand("Connect-WireScim").AddParameter("Uri", server.Origin).AddParameter("Token", SecretText.Protect(TokenText))
                    .AddParameter("RequestsPerSecond", 0.0).AddParameter("MaxAttempts", 2).AddParameter("Timeout", TimeSpan.FromSeconds(5));
                ps.Invoke();
                Assert.Empty(ps.Streams.Error);
                ps.Commands.Clear();
                var rows = Enumerable.Range(1, 3).Select(i =>
                {
                    var row = new PSObject();
                    row.Properties.Add(new PSNoteProperty("UserName", "row" + i));
                    row.Properties.Add(new PSNoteProperty("DisplayName", "Row " + i));
                    row.Properties.Add(new PSNoteProperty("ExternalId", $"row{i}@example.com"));
                    return row;
                }).ToArray();
                ps.AddCommand("New-WireScimUser");
                var output = ps.Invoke(rows);
                return (Output: output.Select(o => o.BaseObject).OfType<User>().ToList(), Errors: ps.Streams.Error.ToList());
            });
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(40)));
            Assert.True(finished == run, "New-WireScimUser did not finish: it hangs");
            var (users, errors) = await run;

            Assert.Equal(new[] { "row1", "row3" }, users.Select(u => u.UserName).OrderBy(n => n));
            Assert.Equal(2, created);
            var error = Assert.Single(errors);
            Assert.StartsWith("WireScim.ServerError", error.FullyQualifiedErrorId);
            var message = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.StartsWith("Row 2", message);
            Assert.Contains("502", message);
            Assert.Contains("Bad Gateway", message);
            Assert.DoesNotContain(TokenText, message);
            Assert.DoesNotContain(TokenText, error.Exception.ToString());
            var row2Posts = server.Requests.Count(r => r.Method == "POST" && r.BodyText.Contains("\"userName\":\"row2\""));
            var row2Lookups = server.Requests.Count(r => r.Method == "GET" && Uri.UnescapeDataString(r.Target).Contains("row2@example.com"));
            Assert.InRange(row2Posts, 2, 8);
            // Every repeat of the POST was preceded by a lookup by externalId.
            Assert.True(row2Lookups >= row2Posts - 1, $"{row2Posts} POSTs but {row2Lookups} lookups");
            Assert.Equal(1, server.Requests.Count(r => r.Method == "POST" && r.BodyText.Contains("\"userName\":\"row1\"")));
            Assert.Equal(1, server.Requests.Count(r => r.Method == "POST" && r.BodyText.Contains("\"userName\":\"row3\"")));
        }

        private sealed class RecordingHandler : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;
            private readonly List<(string Uri, string? Authorization)> _requests = new List<(string, string?)>();

            public RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

            public IReadOnlyList<(string Uri, string? Authorization)> Requests { get { lock (_requests) return _requests.ToList(); } }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (_requests) _requests.Add((request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString()));
                return Task.FromResult(_answer(request));
            }
        }
    }
}
